# One CloudFront distribution in front of every region's edges.
#
# Cache behaviours follow the edges' Cache-Control (docs/protocol.md):
#   /auth/*, /playback/*, /.well-known/jwks.json  the primary's signer, never cached
#   /c/*                                          CDN-mode ciphertext, token-free: one
#                                                 entry per path for every viewer, kept
#                                                 up to ciphertext_ttl (a year)
#   *.m3u8, *.mpd                                 playlists and MPDs, never cached
#   everything else (/t/{token}/v/{asset}/…)      segments, cached as the edge's
#                                                 Cache-Control allows (up to segment_max_ttl)
# On /t/ the path, token included, is forwarded unchanged and is the cache
# key: CloudFront cannot drop the token from the key without serving cached
# segments to anyone, so a cached segment is reused only by the same
# playback session; the edge marks them private, so none is kept, and keys
# (…/keys/{n}.key) are private, no-store. CDN-mode assets are the shared
# case: their segments are encrypted once and served under /c/, which
# names no viewer, and only the small keys and playlists take the gated path.

data "aws_cloudfront_cache_policy" "disabled" {
  name = "Managed-CachingDisabled"
}

# Every viewer header but Host (the load balancer's certificate is for its
# own name) and every CloudFront header, CloudFront-Viewer-Address among them:
# the signer's client_header, so its per-IP limit counts viewers, not
# CloudFront nodes. A custom policy cannot both drop Host and add CloudFront
# headers; deploy/terraform/clientip_test.go keeps the signer paths on this one.
data "aws_cloudfront_origin_request_policy" "all_viewer" {
  name = "Managed-AllViewerExceptHostHeader"
}

locals {
  origin_ids = [for o in var.edge_origins : "edge-${o.name}"]
  # With two regions, media goes to the failover group; the signer's paths
  # (POST, not allowed on a group) go to the primary alone.
  media_target  = length(local.origin_ids) > 1 ? "edges" : local.origin_ids[0]
  signer_target = local.origin_ids[0]
  media_methods = ["GET", "HEAD", "OPTIONS"]
  cached        = ["GET", "HEAD"]
  signer_paths  = ["/auth/*", "/playback/*", "/.well-known/jwks.json"]
  playlists     = ["*.m3u8", "*.mpd"]
  # The edges' token-free route (docs/protocol.md §1).
  ciphertext_path = "/c/*"
}

# Segments: no cookies, headers or query strings in the key or to the edge;
# the TTL is what the edge's Cache-Control says (private: not cached),
# nothing when it says nothing.
resource "aws_cloudfront_cache_policy" "segments" {
  name        = "${var.deployment}-segments"
  comment     = "StreamGate segments: cached per the edges' Cache-Control"
  min_ttl     = 0
  default_ttl = 0
  max_ttl     = var.segment_max_ttl

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_brotli = false
    enable_accept_encoding_gzip   = false

    cookies_config {
      cookie_behavior = "none"
    }

    headers_config {
      header_behavior = "none"
    }

    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

# CDN-mode ciphertext (/c/{asset}/{version}/aes/…): nothing per viewer in
# the key or to the edge (no cookie, header or query string), so every
# viewer shares one entry per segment. A URL there never names other bytes
# (a publish writes a new version folder), so the edge's max-age of a year
# is kept up to ciphertext_ttl; min_ttl 0 so its no-store errors are not.
resource "aws_cloudfront_cache_policy" "ciphertext" {
  name        = "${var.deployment}-ciphertext"
  comment     = "StreamGate CDN-mode ciphertext: shared by every viewer, long TTL"
  min_ttl     = 0
  default_ttl = 0
  max_ttl     = var.ciphertext_ttl

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_brotli = false
    enable_accept_encoding_gzip   = false

    cookies_config {
      cookie_behavior = "none"
    }

    headers_config {
      header_behavior = "none"
    }

    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

resource "aws_acm_certificate" "cdn" {
  provider = aws.us_east_1

  domain_name       = var.domain_name
  validation_method = "DNS"
  tags              = merge(var.tags, { Name = var.domain_name })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "cdn_validation" {
  for_each = {
    for o in aws_acm_certificate.cdn.domain_validation_options : o.domain_name => {
      name   = o.resource_record_name
      type   = o.resource_record_type
      record = o.resource_record_value
    }
  }

  zone_id         = var.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "cdn" {
  provider = aws.us_east_1

  certificate_arn         = aws_acm_certificate.cdn.arn
  validation_record_fqdns = [for r in aws_route53_record.cdn_validation : r.fqdn]
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled         = true
  comment         = "StreamGate ${var.deployment}"
  aliases         = [var.domain_name]
  price_class     = var.price_class
  http_version    = "http2and3"
  is_ipv6_enabled = true
  web_acl_id      = var.web_acl_arn == "" ? null : var.web_acl_arn

  dynamic "origin" {
    for_each = var.edge_origins

    content {
      origin_id   = local.origin_ids[origin.key]
      domain_name = origin.value.hostname

      custom_origin_config {
        http_port                = 80
        https_port               = 443
        origin_protocol_policy   = "https-only"
        origin_ssl_protocols     = ["TLSv1.2"]
        origin_read_timeout      = 30
        origin_keepalive_timeout = 60
      }
    }
  }

  dynamic "origin_group" {
    for_each = length(local.origin_ids) > 1 ? ["edges"] : []

    content {
      origin_id = origin_group.value

      failover_criteria {
        status_codes = [500, 502, 503, 504]
      }

      member {
        origin_id = local.origin_ids[0]
      }

      member {
        origin_id = local.origin_ids[1]
      }
    }
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.signer_paths

    content {
      path_pattern             = ordered_cache_behavior.value
      target_origin_id         = local.signer_target
      allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
      cached_methods           = local.cached
      cache_policy_id          = data.aws_cloudfront_cache_policy.disabled.id
      origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer.id
      viewer_protocol_policy   = "https-only"
      compress                 = false
    }
  }

  # Before the playlist patterns: /c/ serves no playlist, and the first
  # matching behaviour wins.
  ordered_cache_behavior {
    path_pattern           = local.ciphertext_path
    target_origin_id       = local.media_target
    allowed_methods        = local.media_methods
    cached_methods         = local.cached
    cache_policy_id        = aws_cloudfront_cache_policy.ciphertext.id
    viewer_protocol_policy = "redirect-to-https"
    compress               = false
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.playlists

    content {
      path_pattern           = ordered_cache_behavior.value
      target_origin_id       = local.media_target
      allowed_methods        = local.media_methods
      cached_methods         = local.cached
      cache_policy_id        = data.aws_cloudfront_cache_policy.disabled.id
      viewer_protocol_policy = "redirect-to-https"
      compress               = false
    }
  }

  default_cache_behavior {
    target_origin_id       = local.media_target
    allowed_methods        = local.media_methods
    cached_methods         = local.cached
    cache_policy_id        = aws_cloudfront_cache_policy.segments.id
    viewer_protocol_policy = "redirect-to-https"
    compress               = false
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.cdn.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = var.tags
}

resource "aws_route53_record" "cdn" {
  for_each = toset(["A", "AAAA"])

  zone_id = var.zone_id
  name    = var.domain_name
  type    = each.key

  alias {
    name                   = aws_cloudfront_distribution.cdn.domain_name
    zone_id                = aws_cloudfront_distribution.cdn.hosted_zone_id
    evaluate_target_health = false
  }
}

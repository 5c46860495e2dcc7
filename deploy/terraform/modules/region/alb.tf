# The region's front door: an application load balancer answering HTTPS for
# edge_hostname (the CDN's origin for this region, and the direct edge URL),
# forwarding to the edges, and in the primary the signer's paths to the
# signer. Tokens ride in the URL path, so the hop from CloudFront is TLS too.

resource "aws_acm_certificate" "edge" {
  domain_name       = var.edge_hostname
  validation_method = "DNS"
  tags              = merge(local.tags, { Name = var.edge_hostname })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "edge_validation" {
  for_each = {
    for o in aws_acm_certificate.edge.domain_validation_options : o.domain_name => {
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

resource "aws_acm_certificate_validation" "edge" {
  certificate_arn         = aws_acm_certificate.edge.arn
  validation_record_fqdns = [for r in aws_route53_record.edge_validation : r.fqdn]
}

resource "aws_lb" "edge" {
  name               = local.prefix
  load_balancer_type = "application"
  internal           = false
  subnets            = aws_subnet.public[*].id
  security_groups    = [aws_security_group.alb.id]
  # Longer than a segment download on a slow link; the edge keeps idle
  # connections for 2 min (http.idle_timeout), longer than this.
  idle_timeout               = 60
  drop_invalid_header_fields = true
  enable_http2               = true

  tags = merge(local.tags, { Name = local.prefix })
}

resource "aws_lb_target_group" "edge" {
  name                 = "${local.prefix}-edge"
  port                 = 8080
  protocol             = "HTTP"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 20

  # /readyz answers 200 once the origin answers (docs/protocol.md), so a host that
  # cannot reach its bucket takes no traffic.
  health_check {
    path                = "/readyz"
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = local.tags
}

resource "aws_lb_target_group" "signer" {
  count = local.primary

  name                 = "${local.prefix}-signer"
  port                 = 8081
  protocol             = "HTTP"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 20

  health_check {
    path                = "/healthz"
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = local.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.edge.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate_validation.edge.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.edge.arn
  }

  tags = local.tags
}

# /metrics stays inside: the edges serve it on the delivery port too.
resource "aws_lb_listener_rule" "hide_metrics" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/json"
      message_body = "{\"error\":\"not_found\",\"message\":\"not found\"}"
      status_code  = "404"
    }
  }

  condition {
    path_pattern {
      values = ["/metrics", "/metrics/*"]
    }
  }

  tags = local.tags
}

resource "aws_lb_listener_rule" "signer" {
  count = local.primary

  listener_arn = aws_lb_listener.https.arn
  priority     = 20

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.signer[0].arn
  }

  condition {
    path_pattern {
      values = ["/auth/*", "/playback/*", "/.well-known/jwks.json"]
    }
  }

  tags = local.tags
}

resource "aws_route53_record" "edge" {
  zone_id = var.zone_id
  name    = var.edge_hostname
  type    = "A"

  alias {
    name                   = aws_lb.edge.dns_name
    zone_id                = aws_lb.edge.zone_id
    evaluate_target_health = true
  }
}

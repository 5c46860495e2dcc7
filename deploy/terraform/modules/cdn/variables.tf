variable "deployment" {
  type        = string
  description = "Short name of the deployment, the first part of the CDN policies' names."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.deployment))
    error_message = "deployment: want 2-12 characters of a-z, 0-9 and -, starting with a letter."
  }
}

variable "domain_name" {
  type        = string
  description = "Public host name viewers use, e.g. watch.example.com; gets a certificate (in us-east-1, as CloudFront requires) and an alias record."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name: want a lowercase DNS name such as watch.example.com."
  }
}

variable "zone_id" {
  type        = string
  description = "ID of the Route 53 public hosted zone that holds domain_name."

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,31}$", var.zone_id))
    error_message = "zone_id: want a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ."
  }
}

variable "edge_origins" {
  type = list(object({
    name     = string
    hostname = string
  }))
  description = "The regions' load balancers, primary first: name and DNS name (with a certificate). The first serves the signer's paths and, with a second, both form the origin failover group: the second takes requests the first fails with 5xx or cannot be reached for."

  validation {
    condition     = length(var.edge_origins) >= 1 && length(var.edge_origins) <= 2
    error_message = "edge_origins: want one or two origins; a CloudFront origin group holds two (for more regions see deploy/terraform/README.md)."
  }
}

variable "segment_max_ttl" {
  type        = number
  description = "Longest time in seconds CloudFront keeps a segment the edges mark cacheable (Cache-Control max-age is honoured up to this). Playlists and MPDs are never cached."
  default     = 86400

  validation {
    condition     = var.segment_max_ttl >= 0 && var.segment_max_ttl <= 31536000
    error_message = "segment_max_ttl: want 0 to 31536000 seconds."
  }
}

variable "price_class" {
  type        = string
  description = "CloudFront price class: PriceClass_100 (North America, Europe), PriceClass_200 (+ Asia, Middle East, Africa) or PriceClass_All."
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class: want PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "web_acl_arn" {
  type        = string
  description = "ARN of an AWS WAF web ACL (us-east-1, CLOUDFRONT scope) to attach, e.g. with a rate-based rule on /auth/*; \"\" for none."
  default     = ""
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the distribution and the certificate."
  default     = {}
}

variable "ciphertext_ttl" {
  type        = number
  description = "Longest time in seconds CloudFront keeps a CDN-mode ciphertext segment (/c/*), which the edges mark public, max-age=31536000, immutable; 1 year by default. Its URL never names other bytes, so a long TTL is safe; keys and playlists stay on the uncached token path."
  default     = 31536000

  validation {
    condition     = var.ciphertext_ttl >= 86400 && var.ciphertext_ttl <= 31536000
    error_message = "ciphertext_ttl: want 86400 (a day) to 31536000 (a year) seconds."
  }
}

variable "deployment" {
  type        = string
  description = "Short name of the deployment, the first part of every resource name, e.g. sg-prod."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.deployment))
    error_message = "deployment: want 2-12 characters of a-z, 0-9 and -, starting with a letter."
  }
}

variable "domain_name" {
  type        = string
  description = "Public host name viewers, players and wallets use (the CDN), e.g. watch.example.com. Each region's load balancer gets edge-<region>.<domain_name>."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name: want a lowercase DNS name such as watch.example.com."
  }
}

variable "zone_name" {
  type        = string
  description = "Route 53 public hosted zone that domain_name is in, e.g. example.com."
}

variable "regions" {
  type = list(object({
    name       = string
    aws_region = string
    vpc_cidr   = string
    primary    = optional(bool, false)
    az_count   = optional(number, 2)
  }))
  description = "The regions, in CDN failover order: short name (origin.regions[].name), AWS region, VPC CIDR, whether it is the primary (signer, transcoders, job queue, replication source) and how many zones it spans."

  validation {
    condition     = length(var.regions) == 2
    error_message = "regions: this root wires exactly two regions (one provider and module block each); see deploy/terraform/README.md to add one."
  }

  validation {
    condition     = length([for r in var.regions : r if r.primary]) == 1
    error_message = "regions: want exactly one region with primary = true."
  }

  validation {
    condition = (
      length(distinct([for r in var.regions : r.name])) == length(var.regions) &&
      length(distinct([for r in var.regions : r.aws_region])) == length(var.regions) &&
      length(distinct([for r in var.regions : r.vpc_cidr])) == length(var.regions)
    )
    error_message = "regions: names, AWS regions and VPC CIDRs must all differ."
  }
}

variable "release" {
  type = object({
    bucket = string
    key    = string
    region = string
    sha256 = string
  })
  description = "The streamgate binary every host installs: s3://bucket/key in region (make build; aws s3 cp bin/streamgate …) and its SHA-256. Changing it rolls every host."
}

variable "secrets" {
  type = object({
    region                 = optional(string)
    signer_keys            = string
    transcoder_admin_token = string
    ownership_chains       = optional(string, "")
  })
  description = "Names of SSM SecureString parameters, all in region (default: the primary's): the signer's PEM keys, the transcoders' job API token and, optionally, the ownership.chains YAML with the RPC URLs. See README for how to create them."
}

variable "edge" {
  type = object({
    instance_type         = optional(string)
    min_size              = optional(number)
    max_size              = optional(number)
    cpu_target            = optional(number)
    cache_bytes           = optional(number)
    segment_cache_control = optional(string)
  })
  description = "Edge hosts in every region; unset attributes keep the region module's defaults (c7i.large, 2-6 hosts at 60% CPU, 2 GiB cache, segments \"private, max-age=86400\", which the CDN does not cache)."
  default     = {}
}

variable "signer" {
  type = object({
    instance_type = optional(string)
    count         = optional(number)
    domains       = optional(list(string))
  })
  description = "Signer hosts in the primary region; unset attributes keep the defaults (2 x t3.small, accepting sign-in from pages on domain_name; set domains for pages elsewhere)."
  default     = {}
}

variable "transcoder" {
  type = object({
    instance_type        = optional(string)
    min_size             = optional(number)
    max_size             = optional(number)
    workers_per_instance = optional(number)
    jobs_per_instance    = optional(number)
    disk_gb              = optional(number)
  })
  description = "Transcoder hosts in the primary region; unset attributes keep the defaults (1-4 x c7i.2xlarge, one job each, 200 GB)."
  default     = {}
}

variable "redis" {
  type = object({
    node_type               = optional(string)
    replicas                = optional(number)
    cluster                 = optional(bool)
    shards                  = optional(number)
    transit_encryption_mode = optional(string)
  })
  description = "Each region's Valkey group, always with TLS and an AUTH token; unset attributes keep the defaults (cache.t4g.small, one replica, cluster mode off; cluster = true with shards for cluster mode)."
  default     = {}
}

variable "indexer" {
  type = object({
    instance_type = optional(string)
    count         = optional(number)
    chain_sets = optional(map(object({
      chain_ids        = list(number)
      chains_parameter = string
    })))
  })
  description = "Indexer hosts in every region, one group per chain set: set name => chain ids and the SSM parameter (in secrets.region) with their indexer.chains YAML; unset attributes keep the defaults (2 x t3.small per set, no sets: no indexer)."
  default     = {}
}

variable "nat_gateway_per_az" {
  type        = bool
  description = "One NAT gateway per zone in every region (zone-outage proof) rather than one per region (cheaper)."
  default     = false
}

variable "edge_ingress_cidrs" {
  type        = list(string)
  description = "IPv4 CIDRs besides CloudFront allowed to reach the regions' edge URLs directly (monitoring, tests)."
  default     = []
}

variable "price_class" {
  type        = string
  description = "CloudFront price class (PriceClass_100, PriceClass_200 or PriceClass_All)."
  default     = "PriceClass_100"
}

variable "web_acl_arn" {
  type        = string
  description = "ARN of a WAF web ACL (us-east-1, CLOUDFRONT scope) for the distribution; \"\" for none."
  default     = ""
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource that takes them."
  default     = {}
}

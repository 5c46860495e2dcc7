variable "deployment" {
  type        = string
  description = "Short name of the deployment, the first part of every resource name (IAM role and bucket names are global, so two deployments in one account need different names)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.deployment))
    error_message = "deployment: want 2-12 characters of a-z, 0-9 and -, starting with a letter (load balancer and target group names are limited to 32 characters)."
  }
}

variable "name" {
  type        = string
  description = "Short name of this region in StreamGate (origin.regions[].name in the hosts' configs, edge-<name>.<domain> host name), e.g. eu or us."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,7}$", var.name))
    error_message = "name: want 1-8 characters of a-z and 0-9, starting with a letter."
  }
}

variable "aws_region" {
  type        = string
  description = "AWS region this module's provider is configured for, e.g. eu-west-1; checked against the provider so that a swapped provider alias fails the plan."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region: want an AWS region code such as eu-west-1."
  }
}

variable "primary" {
  type        = bool
  description = "Whether this is the primary region: it alone runs the signer and the transcoders, holds the job queue and the sources bucket, and replicates its origin bucket to the other regions."
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR of the region's VPC, /16 to /20. Give every region its own range so that the VPCs can be peered later."

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20, false)
    error_message = "vpc_cidr: want an IPv4 CIDR from /16 to /20, e.g. 10.10.0.0/16."
  }
}

variable "az_count" {
  type        = number
  description = "Availability zones to spread subnets, hosts and Redis replicas over."
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 6 && floor(var.az_count) == var.az_count
    error_message = "az_count: want a whole number from 2 to 6 (the load balancer needs two zones)."
  }
}

variable "nat_gateway_per_az" {
  type        = bool
  description = "One NAT gateway per zone (survives a zone outage, costs one NAT gateway per zone) instead of one for the region."
  default     = false
}

variable "domain_name" {
  type        = string
  description = "Public host name viewers use, served by the CDN, e.g. watch.example.com: the signer's accepted SIWE domain."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name: want a lowercase DNS name such as watch.example.com."
  }
}

variable "edge_hostname" {
  type        = string
  description = "DNS name of this region's load balancer, e.g. edge-eu.watch.example.com: the CDN's origin for the region and the direct edge URL. It gets a certificate in this region."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.edge_hostname))
    error_message = "edge_hostname: want a lowercase DNS name such as edge-eu.watch.example.com."
  }
}

variable "zone_id" {
  type        = string
  description = "ID of the Route 53 public hosted zone that holds edge_hostname (certificate validation and the load balancer's alias record)."

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,31}$", var.zone_id))
    error_message = "zone_id: want a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ."
  }
}

variable "release" {
  type = object({
    bucket = string
    key    = string
    region = string
    sha256 = string
  })
  description = "Where the streamgate release binary (linux/amd64, built on Debian 12) is: s3://bucket/key in region, and its SHA-256, which every host checks before installing it. Changing it rolls the hosts."

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.release.sha256)) && var.release.bucket != "" && var.release.key != ""
    error_message = "release: want bucket and key set and sha256 as 64 lowercase hex digits (sha256sum bin/streamgate)."
  }
}

variable "origin_bucket" {
  type        = string
  description = "Name of this region's origin bucket, created here (assets: {asset}/asset.json, playlists, segments)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.origin_bucket))
    error_message = "origin_bucket: want a bucket name of 3-63 characters of a-z, 0-9 and -."
  }
}

variable "fallback_origins" {
  type = list(object({
    name       = string
    bucket     = string
    aws_region = string
  }))
  description = "The other regions' origin buckets, in the order an edge falls back to them after its own (a miss or a failure here, e.g. an asset not yet replicated). Edges may read them."
  default     = []
}

variable "sources_bucket" {
  type        = string
  description = "Name of the bucket for uploaded source videos, created in the primary region only (streamgate submit uploads there; transcoders read it). Ignored elsewhere."
  default     = ""

  validation {
    condition     = var.sources_bucket == "" || can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.sources_bucket))
    error_message = "sources_bucket: want a bucket name of 3-63 characters of a-z, 0-9 and -."
  }
}

variable "jwks_url" {
  type        = string
  description = "URL of the signer's public keys that edges verify tokens with, e.g. https://watch.example.com/.well-known/jwks.json (through the CDN to the primary region's signer)."

  validation {
    condition     = startswith(var.jwks_url, "https://")
    error_message = "jwks_url: want an https:// URL."
  }
}

variable "secrets" {
  type = object({
    region                 = string
    signer_keys            = optional(string, "")
    transcoder_admin_token = optional(string, "")
    ownership_chains       = optional(string, "")
  })
  description = "Names of SSM SecureString parameters in region that hosts read at every service start (never written to disk): signer_keys = the signer's Ed25519 PEM keys, active first (SIGNER_KEYS_PEM); transcoder_admin_token = the job API bearer token (TRANSCODER_ADMIN_TOKEN); ownership_chains = the ownership.chains list as inline YAML with the RPC URLs (EDGE_/SIGNER_OWNERSHIP_CHAINS), \"\" for none. The primary region needs the first two."

  validation {
    condition = alltrue([
      for p in [var.secrets.signer_keys, var.secrets.transcoder_admin_token, var.secrets.ownership_chains] : p == "" || can(regex("^/?[a-zA-Z0-9_.\\-/]+$", p))
    ])
    error_message = "secrets: want SSM parameter names such as /streamgate/signer/keys."
  }
}

variable "edge" {
  type = object({
    instance_type         = optional(string, "c7i.large")
    min_size              = optional(number, 2)
    max_size              = optional(number, 6)
    cpu_target            = optional(number, 60)
    cache_bytes           = optional(number, 2147483648)
    segment_cache_control = optional(string, "private, max-age=86400")
  })
  description = "Edge hosts: instance type, group size (scaled on CPU toward cpu_target percent), the object cache budget in bytes (cache.max_bytes; leave the instance room for the rest) and the Cache-Control sent with segments (http.segment_cache_control: \"public, max-age=N\" lets the CDN cache segments per token, at the cost of serving a revoked viewer until max-age)."
  default     = {}

  validation {
    condition     = var.edge.min_size >= 1 && var.edge.max_size >= var.edge.min_size && var.edge.cpu_target > 0 && var.edge.cpu_target <= 90
    error_message = "edge: want 1 <= min_size <= max_size and 0 < cpu_target <= 90."
  }

  validation {
    condition     = var.edge.cache_bytes >= 16777216
    error_message = "edge.cache_bytes: want at least 16 MiB (16777216), the largest object the edge caches."
  }
}

variable "signer" {
  type = object({
    instance_type = optional(string, "t3.small")
    count         = optional(number, 2)
    domains       = optional(list(string), [])
  })
  description = "Signer hosts in the primary region (SIWE sign-in, playback tokens, JWKS); several share nonces through Redis. domains: the hosts of the pages wallets sign in from (SIWE domains, https origins); empty: domain_name."
  default     = {}

  validation {
    condition     = var.signer.count >= 1 && var.signer.count <= 10
    error_message = "signer.count: want 1 to 10."
  }

  validation {
    condition     = alltrue([for d in var.signer.domains : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}(:[0-9]+)?$", d))])
    error_message = "signer.domains: want host names such as app.example.com."
  }
}

variable "transcoder" {
  type = object({
    instance_type        = optional(string, "c7i.2xlarge")
    min_size             = optional(number, 1)
    max_size             = optional(number, 4)
    workers_per_instance = optional(number, 1)
    jobs_per_instance    = optional(number, 1)
    disk_gb              = optional(number, 200)
  })
  description = "Transcoder hosts in the primary region: group size, jobs each host runs at once (queue.workers), the target backlog per host the group scales toward (StreamGate/JobBacklog divided by hosts in service) and the root disk for sources and encodes."
  default     = {}

  validation {
    condition     = var.transcoder.min_size >= 1 && var.transcoder.max_size >= var.transcoder.min_size
    error_message = "transcoder: want 1 <= min_size <= max_size (backlog per host is undefined with no host, and a host publishes the backlog)."
  }

  validation {
    condition     = var.transcoder.workers_per_instance >= 1 && var.transcoder.jobs_per_instance > 0 && var.transcoder.disk_gb >= 30
    error_message = "transcoder: want workers_per_instance >= 1, jobs_per_instance > 0 and disk_gb >= 30."
  }
}

variable "redis" {
  type = object({
    node_type               = optional(string, "cache.t4g.small")
    replicas                = optional(number, 1)
    cluster                 = optional(bool, false)
    shards                  = optional(number, 1)
    transit_encryption_mode = optional(string, "required")
  })
  description = "The region's Valkey (Redis-compatible) replication group, TLS and AUTH always on: node type; replicas per shard besides its primary (1 or more gives automatic failover across zones); cluster = cluster mode enabled with shards shards (the services then dial the configuration endpoint with redis.cluster: true); transit_encryption_mode \"preferred\" only while migrating a group created without TLS (README), then \"required\"."
  default     = {}

  validation {
    condition     = var.redis.replicas >= 0 && var.redis.replicas <= 5 && floor(var.redis.replicas) == var.redis.replicas
    error_message = "redis.replicas: want a whole number from 0 to 5."
  }

  validation {
    condition     = var.redis.shards >= 1 && var.redis.shards <= 500 && floor(var.redis.shards) == var.redis.shards && (var.redis.cluster || var.redis.shards == 1)
    error_message = "redis.shards: want a whole number from 1 to 500, and 1 unless cluster = true."
  }

  validation {
    condition     = contains(["preferred", "required"], var.redis.transit_encryption_mode)
    error_message = "redis.transit_encryption_mode: want \"required\" (or \"preferred\" while migrating to TLS)."
  }
}

variable "indexer" {
  type = object({
    instance_type = optional(string, "t3.small")
    count         = optional(number, 2)
    chain_sets = optional(map(object({
      chain_ids        = list(number)
      chains_parameter = string
    })), {})
  })
  description = "Indexer hosts (streamgate indexer: revocations within seconds), one autoscaling group per chain set, each of count hosts (at least 1 in service; two for redundancy: a Redis lease lets one publish per chain at a time). chain_sets: set name => the EIP-155 ids it follows and the SSM SecureString parameter (in secrets.region) holding their indexer.chains list as inline YAML with the RPC URLs (INDEXER_INDEXER_CHAINS). Empty: no indexer; ownership answers then expire by their TTLs."
  default     = {}

  validation {
    condition     = var.indexer.count >= 1 && var.indexer.count <= 4 && floor(var.indexer.count) == var.indexer.count
    error_message = "indexer.count: want 1 to 4 hosts per chain set."
  }

  validation {
    condition = alltrue([
      for name, set in var.indexer.chain_sets : can(regex("^[a-z][a-z0-9]{0,11}$", name)) && length(set.chain_ids) > 0 && alltrue([for id in set.chain_ids : id > 0 && floor(id) == id]) && can(regex("^/?[a-zA-Z0-9_.\\-/]+$", set.chains_parameter))
    ])
    error_message = "indexer.chain_sets: want names of 1-12 characters of a-z and 0-9, each with at least one chain id (> 0) and an SSM parameter name."
  }

  validation {
    condition     = length(flatten([for set in values(var.indexer.chain_sets) : set.chain_ids])) == length(distinct(flatten([for set in values(var.indexer.chain_sets) : set.chain_ids])))
    error_message = "indexer.chain_sets: a chain belongs to one set only (two groups would index it twice)."
  }
}

variable "edge_ingress_cidrs" {
  type        = list(string)
  description = "IPv4 CIDRs besides CloudFront that may reach the load balancer on 443 (direct edge URLs, monitoring). Empty: only CloudFront."
  default     = []

  validation {
    condition     = alltrue([for c in var.edge_ingress_cidrs : can(cidrnetmask(c))])
    error_message = "edge_ingress_cidrs: want IPv4 CIDRs such as 203.0.113.0/24."
  }
}

variable "ami" {
  type = object({
    name  = optional(string, "debian-12-amd64-*")
    owner = optional(string, "136693071363")
  })
  description = "Image of every host: the newest AMI of owner whose name matches name (default: Debian 12, whose glibc the release binary is built against). Pin an exact name to stop new images rolling the hosts."
  default     = {}
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource that takes them."
  default     = {}
}

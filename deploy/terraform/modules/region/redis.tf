# The region's shared state: ownership answers shared by the edges (and the
# signer), nonces, revocations the indexers publish and, in the primary, the
# job queue ({sg}:jobs). Valkey is the Redis-compatible engine ElastiCache
# prices lowest; streams, pub/sub and XINFO lag behave as in Redis 7.
#
# Encrypted at rest and in transit (TLS), with an AUTH token Terraform
# generates and keeps in SSM Parameter Store as a SecureString; hosts read it
# from there at every service start (ROLE_REDIS_PASSWORD), so it is in no user
# data or output. It is in the state, as ElastiCache's auth_token argument
# always is: keep the state encrypted (README). The security group still
# limits port 6379 to this region's hosts.
#
# With cluster = true the group runs cluster mode (shards x (1 + replicas)
# nodes) and the services dial its configuration endpoint with redis.cluster:
# every key the services touch together shares the {sg} hash tag of the key
# prefix, so scripts and transactions stay on one slot.

locals {
  redis_host = var.redis.cluster ? aws_elasticache_replication_group.main.configuration_endpoint_address : aws_elasticache_replication_group.main.primary_endpoint_address
  redis_addr = "${local.redis_host}:6379"
  # Key and channel prefix of every service; the braces are the hash tag.
  redis_prefix = "{sg}:"
  # Where the AUTH token is: this region's Parameter Store.
  redis_token = {
    name   = "/${var.deployment}/redis/${var.name}/auth-token"
    region = var.aws_region
  }
  # The redis: block of every service's config (the same keys in edge, signer,
  # transcoder and indexer). No password here: each service takes it from
  # ROLE_REDIS_PASSWORD, exported by streamgate-run (install.sh.tftpl).
  redis_yaml = <<-YAML
    redis:
      addr: ${jsonencode(local.redis_addr)}
      tls: true
      username: ""
      cluster: ${var.redis.cluster}
      prefix: ${jsonencode(local.redis_prefix)}
  YAML
}

# ElastiCache takes 16-128 printable characters without @, " or /; letters
# and digits only keeps it safe in YAML, shells and URLs. Replacing it
# (terraform apply -replace=…random_password.redis) rotates it: see README.
resource "random_password" "redis" {
  length  = 64
  special = false
}

resource "aws_ssm_parameter" "redis_auth_token" {
  name        = local.redis_token.name
  description = "StreamGate ${var.name}: AUTH token of the region's Valkey (ROLE_REDIS_PASSWORD on its hosts)"
  type        = "SecureString"
  value       = random_password.redis.result
  tags        = local.tags
}

resource "aws_elasticache_subnet_group" "main" {
  name       = local.prefix
  subnet_ids = aws_subnet.private[*].id
  tags       = local.tags
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id = local.prefix
  description          = "StreamGate ${var.name}: ownership cache, revocations${var.primary ? ", nonces and job queue" : ""}"

  engine               = "valkey"
  engine_version       = "8.0"
  node_type            = var.redis.node_type
  port                 = 6379
  parameter_group_name = var.redis.cluster ? "default.valkey8.cluster.on" : "default.valkey8"

  # Cluster mode: shards, each a primary and its replicas; otherwise one
  # primary and its replicas.
  cluster_mode            = var.redis.cluster ? "enabled" : "disabled"
  num_node_groups         = var.redis.cluster ? var.redis.shards : null
  replicas_per_node_group = var.redis.cluster ? var.redis.replicas : null
  num_cache_clusters      = var.redis.cluster ? null : 1 + var.redis.replicas

  automatic_failover_enabled = var.redis.cluster || var.redis.replicas > 0
  multi_az_enabled           = var.redis.replicas > 0
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  transit_encryption_mode    = var.redis.transit_encryption_mode
  auth_token                 = random_password.redis.result
  # ROTATE keeps the old token valid beside a new one until the next change,
  # so hosts restarted one by one all get in.
  auth_token_update_strategy = "ROTATE"

  subnet_group_name  = aws_elasticache_subnet_group.main.name
  security_group_ids = [aws_security_group.redis.id]

  # The job queue lives here in the primary: keep a daily snapshot.
  snapshot_retention_limit = var.primary ? 7 : 0
  apply_immediately        = false

  tags = local.tags
}

# The region's shared state: ownership answers shared by the edges (and the
# signer), nonces and, in the primary, the job queue (sg:jobs). Valkey is the
# Redis-compatible engine ElastiCache prices lowest; streams, pub/sub and
# XINFO lag behave as in Redis 7.
#
# Encrypted at rest. Not in transit: the edge and signer configs have no
# redis TLS setting yet (redis.addr only), so the security group is the
# boundary: only this region's hosts reach port 6379.

resource "aws_elasticache_subnet_group" "main" {
  name       = local.prefix
  subnet_ids = aws_subnet.private[*].id
  tags       = local.tags
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id = local.prefix
  description          = "StreamGate ${var.name}: ownership cache${var.primary ? ", nonces and job queue" : ""}"

  engine             = "valkey"
  engine_version     = "8.0"
  node_type          = var.redis.node_type
  port               = 6379
  num_cache_clusters = 1 + var.redis.replicas

  automatic_failover_enabled = var.redis.replicas > 0
  multi_az_enabled           = var.redis.replicas > 0
  at_rest_encryption_enabled = true
  transit_encryption_enabled = false

  subnet_group_name  = aws_elasticache_subnet_group.main.name
  security_group_ids = [aws_security_group.redis.id]

  # The job queue lives here in the primary: keep a daily snapshot.
  snapshot_retention_limit = var.primary ? 7 : 0
  apply_immediately        = false

  tags = local.tags
}

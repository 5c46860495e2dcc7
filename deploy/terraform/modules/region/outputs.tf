output "name" {
  description = "The region's short name (origin.regions[].name)."
  value       = var.name
}

output "edge_hostname" {
  description = "DNS name of the region's load balancer: the CDN's origin for this region."
  value       = aws_route53_record.edge.fqdn
}

output "edge_url" {
  description = "Direct URL of the region's edges (reachable from CloudFront and edge_ingress_cidrs only)."
  value       = "https://${aws_route53_record.edge.fqdn}"
}

output "load_balancer_dns_name" {
  description = "AWS DNS name of the region's load balancer."
  value       = aws_lb.edge.dns_name
}

output "origin_bucket" {
  description = "Name of the region's origin bucket, once versioning is on (replication needs it)."
  value       = aws_s3_bucket_versioning.origin.bucket
}

output "origin_bucket_arn" {
  description = "ARN of the region's origin bucket."
  value       = aws_s3_bucket.origin.arn
}

output "sources_bucket" {
  description = "Name of the bucket for uploaded sources (primary region; null elsewhere)."
  value       = one(aws_s3_bucket.sources[*].id)
}

output "redis_endpoint" {
  description = "host:port of the region's Redis (TLS and AUTH; reachable from the region's hosts only): the primary endpoint, or the configuration endpoint in cluster mode."
  value       = local.redis_addr
}

output "redis_auth_token_parameter" {
  description = "Name and AWS region of the SSM SecureString parameter holding the Redis AUTH token (the name only, never the token)."
  value       = local.redis_token
}

output "vpc_id" {
  description = "ID of the region's VPC."
  value       = aws_vpc.main.id
}

output "private_route_table_ids" {
  description = "Route tables of the private subnets, for peering routes added later."
  value       = aws_route_table.private[*].id
}

output "edge_asg_name" {
  description = "Name of the edges' autoscaling group."
  value       = aws_autoscaling_group.edge.name
}

output "transcoder_asg_name" {
  description = "Name of the transcoders' autoscaling group (primary region; null elsewhere)."
  value       = one(aws_autoscaling_group.transcoder[*].name)
}

output "indexer_asg_names" {
  description = "Names of the indexers' autoscaling groups, by chain set (empty without indexer.chain_sets)."
  value       = { for name, g in aws_autoscaling_group.indexer : name => g.name }
}

output "backlog_metric" {
  description = "The CloudWatch metric the transcoders scale on: namespace, name and dimensions."
  value = {
    namespace  = local.backlog_metric.namespace
    name       = local.backlog_metric.name
    dimensions = { Deployment = var.deployment }
  }
}

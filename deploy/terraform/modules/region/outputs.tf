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
  description = "host:port of the region's Redis (reachable from the region's hosts only)."
  value       = local.redis_addr
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

output "backlog_metric" {
  description = "The CloudWatch metric the transcoders scale on: namespace, name and dimensions."
  value = {
    namespace  = local.backlog_metric.namespace
    name       = local.backlog_metric.name
    dimensions = { Deployment = var.deployment }
  }
}

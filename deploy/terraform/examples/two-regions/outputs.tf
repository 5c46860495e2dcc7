output "url" {
  description = "Public base URL (CloudFront): playback URLs are <url>/t/<token>/v/<asset>/master.m3u8."
  value       = module.cdn.url
}

output "cdn_domain" {
  description = "CloudFront's domain name for the distribution."
  value       = module.cdn.cloudfront_domain
}

output "cdn_distribution_id" {
  description = "CloudFront distribution ID."
  value       = module.cdn.distribution_id
}

output "edge_urls" {
  description = "Each region's edges, by region name (reachable from CloudFront and edge_ingress_cidrs)."
  value = {
    (module.primary.name)   = module.primary.edge_url
    (module.secondary.name) = module.secondary.edge_url
  }
}

output "origin_buckets" {
  description = "Each region's origin bucket, by region name; the primary's replicates to the other."
  value = {
    (module.primary.name)   = module.primary.origin_bucket
    (module.secondary.name) = module.secondary.origin_bucket
  }
}

output "sources_bucket" {
  description = "Bucket that streamgate submit uploads sources to (sources.bucket of the transcoders)."
  value       = module.primary.sources_bucket
}

output "transcoder_asg" {
  description = "Autoscaling group of the transcoders (SSM port forwards to the job API go to one of its hosts)."
  value       = module.primary.transcoder_asg_name
}

output "backlog_metric" {
  description = "The CloudWatch metric the transcoders publish and scale on."
  value       = module.primary.backlog_metric
}

output "indexer_asgs" {
  description = "The indexers' autoscaling groups, by region name, then chain set."
  value = {
    (module.primary.name)   = module.primary.indexer_asg_names
    (module.secondary.name) = module.secondary.indexer_asg_names
  }
}

output "redis_auth_token_parameters" {
  description = "Where each region's Redis AUTH token is (SSM SecureString name and AWS region), by region name; never the token."
  value = {
    (module.primary.name)   = module.primary.redis_auth_token_parameter
    (module.secondary.name) = module.secondary.redis_auth_token_parameter
  }
}

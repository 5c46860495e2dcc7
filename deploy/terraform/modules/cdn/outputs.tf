output "distribution_id" {
  description = "ID of the CloudFront distribution (for invalidations and logs)."
  value       = aws_cloudfront_distribution.cdn.id
}

output "cloudfront_domain" {
  description = "CloudFront's own domain name for the distribution (*.cloudfront.net)."
  value       = aws_cloudfront_distribution.cdn.domain_name
}

output "url" {
  description = "Public base URL: players, wallets and edges (JWKS) use it."
  value       = "https://${var.domain_name}"
}

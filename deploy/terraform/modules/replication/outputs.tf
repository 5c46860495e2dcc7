output "role_arn" {
  description = "ARN of the role S3 replicates with."
  value       = aws_iam_role.replication.arn
}

output "destinations" {
  description = "Buckets the primary origin bucket replicates to."
  value       = var.destination_buckets
}

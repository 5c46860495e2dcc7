# S3 cross-region replication from the primary region's origin bucket to the
# others: the transcoders publish once, every region's edges read locally.
# Until an object arrives (usually seconds, at most ~15 min), edges fall back
# to the primary's bucket. Objects are SSE-S3, so no KMS grants are needed.
#
# Apply with the primary region's provider, after both buckets are versioned
# (pass the region modules' origin_bucket outputs, which wait for that).

data "aws_partition" "current" {}

locals {
  source_arn       = "arn:${data.aws_partition.current.partition}:s3:::${var.source_bucket}"
  destination_arns = [for b in var.destination_buckets : "arn:${data.aws_partition.current.partition}:s3:::${b}"]
}

data "aws_iam_policy_document" "assume_s3" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "replicate" {
  statement {
    sid       = "ReadSourceConfiguration"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [local.source_arn]
  }

  statement {
    sid       = "ReadSourceVersions"
    actions   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
    resources = ["${local.source_arn}/*"]
  }

  statement {
    sid       = "WriteReplicas"
    actions   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
    resources = [for arn in local.destination_arns : "${arn}/*"]
  }
}

resource "aws_iam_role" "replication" {
  name               = "${var.deployment}-origin-replication"
  description        = "S3 replication of the StreamGate origin bucket ${var.source_bucket}"
  assume_role_policy = data.aws_iam_policy_document.assume_s3.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "replication" {
  name   = "replicate-origin"
  role   = aws_iam_role.replication.id
  policy = data.aws_iam_policy_document.replicate.json
}

resource "aws_s3_bucket_replication_configuration" "origin" {
  bucket = var.source_bucket
  role   = aws_iam_role.replication.arn

  dynamic "rule" {
    for_each = local.destination_arns

    content {
      id       = "to-${var.destination_buckets[rule.key]}"
      priority = rule.key
      status   = "Enabled"

      filter {}

      delete_marker_replication {
        status = "Enabled"
      }

      destination {
        bucket        = rule.value
        storage_class = "STANDARD"
      }
    }
  }

  depends_on = [aws_iam_role_policy.replication]
}

# The region's origin bucket (and, in the primary, the sources bucket):
# private, encrypted (SSE-S3), versioned so that cross-region replication can
# run, TLS only. Objects are never public: viewers reach them through edges.

resource "aws_s3_bucket" "origin" {
  bucket = var.origin_bucket
  tags   = merge(local.tags, { Name = var.origin_bucket })
}

resource "aws_s3_bucket_ownership_controls" "origin" {
  bucket = aws_s3_bucket.origin.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "origin" {
  bucket = aws_s3_bucket.origin.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "origin" {
  bucket = aws_s3_bucket.origin.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "origin" {
  bucket = aws_s3_bucket.origin.id

  versioning_configuration {
    status = "Enabled"
  }
}

# Re-publishing an asset overwrites its objects: keep old versions a while
# (undo), not forever (storage cost).
resource "aws_s3_bucket_lifecycle_configuration" "origin" {
  bucket = aws_s3_bucket.origin.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.origin]
}

resource "aws_s3_bucket_policy" "origin" {
  bucket = aws_s3_bucket.origin.id
  policy = data.aws_iam_policy_document.tls_only["origin"].json

  depends_on = [aws_s3_bucket_public_access_block.origin]
}

locals {
  bucket_arns = {
    origin  = "arn:${local.partition}:s3:::${var.origin_bucket}"
    sources = "arn:${local.partition}:s3:::${var.sources_bucket}"
  }
}

data "aws_iam_policy_document" "tls_only" {
  for_each = toset(var.primary ? ["origin", "sources"] : ["origin"])

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arns[each.key], "${local.bucket_arns[each.key]}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

# Uploaded sources (primary only): written by operators (streamgate submit),
# read by transcoders. Not versioned; removed by hand once published.
resource "aws_s3_bucket" "sources" {
  count = local.primary

  bucket = var.sources_bucket
  tags   = merge(local.tags, { Name = var.sources_bucket })

  lifecycle {
    precondition {
      condition     = var.sources_bucket != ""
      error_message = "sources_bucket: the primary region needs a name for the sources bucket."
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "sources" {
  count = local.primary

  bucket = aws_s3_bucket.sources[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "sources" {
  count = local.primary

  bucket = aws_s3_bucket.sources[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sources" {
  count = local.primary

  bucket = aws_s3_bucket.sources[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "sources" {
  count = local.primary

  bucket = aws_s3_bucket.sources[0].id

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_policy" "sources" {
  count = local.primary

  bucket = aws_s3_bucket.sources[0].id
  policy = data.aws_iam_policy_document.tls_only["sources"].json

  depends_on = [aws_s3_bucket_public_access_block.sources]
}

# One role per host role, each allowed only what its service does:
#
#   every host   read the release binary; read its own SSM parameters; SSM
#                Session Manager (no SSH)
#   edge, signer list + read the origin buckets (own region first, then the
#                fallbacks). ListBucket is what makes S3 answer 404 rather than
#                403 for a missing key: /readyz and not-found caching rely on it.
#   transcoder   write (not read, not delete) the primary origin bucket; list +
#                read the sources bucket; publish StreamGate metrics only

locals {
  origin_arns = [for o in local.origins : "arn:${local.partition}:s3:::${o.bucket}"]

  # Role => environment variable => SSM parameter, for the parameters set.
  secret_env = {
    edge       = { EDGE_OWNERSHIP_CHAINS = var.secrets.ownership_chains }
    signer     = { SIGNER_KEYS_PEM = var.secrets.signer_keys, SIGNER_OWNERSHIP_CHAINS = var.secrets.ownership_chains }
    transcoder = { TRANSCODER_ADMIN_TOKEN = var.secrets.transcoder_admin_token }
  }
  secrets = {
    for role, env in local.secret_env : role => { for name, param in env : name => param if param != "" }
  }
  secret_arns = {
    for role, env in local.secrets : role => [
      for param in values(env) : "arn:${local.partition}:ssm:${var.secrets.region}:${local.account}:parameter/${trimprefix(param, "/")}"
    ]
  }
}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "host" {
  for_each = toset(local.roles)

  statement {
    sid       = "ReleaseBinary"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${var.release.bucket}/${var.release.key}"]
  }

  dynamic "statement" {
    for_each = length(local.secret_arns[each.key]) > 0 ? [local.secret_arns[each.key]] : []

    content {
      sid       = "ReadOwnSecrets"
      actions   = ["ssm:GetParameter"]
      resources = statement.value
    }
  }

  dynamic "statement" {
    for_each = contains(["edge", "signer"], each.key) ? [local.origin_arns] : []

    content {
      sid       = "ListOrigins"
      actions   = ["s3:ListBucket"]
      resources = statement.value
    }
  }

  dynamic "statement" {
    for_each = contains(["edge", "signer"], each.key) ? [local.origin_arns] : []

    content {
      sid       = "ReadOrigins"
      actions   = ["s3:GetObject"]
      resources = [for arn in statement.value : "${arn}/*"]
    }
  }

  dynamic "statement" {
    for_each = each.key == "transcoder" ? [aws_s3_bucket.origin.arn] : []

    content {
      sid       = "PublishToOrigin"
      actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
      resources = ["${statement.value}/*"]
    }
  }

  dynamic "statement" {
    for_each = each.key == "transcoder" ? ["arn:${local.partition}:s3:::${var.sources_bucket}"] : []

    content {
      sid       = "ListSources"
      actions   = ["s3:ListBucket"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = each.key == "transcoder" ? ["arn:${local.partition}:s3:::${var.sources_bucket}"] : []

    content {
      sid       = "ReadSources"
      actions   = ["s3:GetObject"]
      resources = ["${statement.value}/*"]
    }
  }

  dynamic "statement" {
    for_each = each.key == "transcoder" ? [local.backlog_metric.namespace] : []

    content {
      sid       = "PublishBacklog"
      actions   = ["cloudwatch:PutMetricData"]
      resources = ["*"]

      condition {
        test     = "StringEquals"
        variable = "cloudwatch:namespace"
        values   = [statement.value]
      }
    }
  }
}

resource "aws_iam_role" "host" {
  for_each = toset(local.roles)

  name               = "${local.prefix}-${each.key}"
  description        = "StreamGate ${var.name} ${each.key} hosts"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "host" {
  for_each = toset(local.roles)

  name   = "streamgate-${each.key}"
  role   = aws_iam_role.host[each.key].id
  policy = data.aws_iam_policy_document.host[each.key].json
}

resource "aws_iam_role_policy_attachment" "session_manager" {
  for_each = toset(local.roles)

  role       = aws_iam_role.host[each.key].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "host" {
  for_each = toset(local.roles)

  name = "${local.prefix}-${each.key}"
  role = aws_iam_role.host[each.key].name
  tags = local.tags
}

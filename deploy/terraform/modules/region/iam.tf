# One role per host group, each allowed only what its service does:
#
#   every host   read the release binary; read its own SSM parameters (and no
#                other: the Session Manager statements below replace
#                AmazonSSMManagedInstanceCore, which may read every parameter);
#                SSM Session Manager and Run Command (no SSH)
#   edge, signer list + read the origin buckets (own region first, then the
#                fallbacks). ListBucket is what makes S3 answer 404 rather than
#                403 for a missing key: /readyz and not-found caching rely on it.
#   transcoder   write (not read, not delete) the primary origin bucket; list +
#                read the sources bucket; publish StreamGate metrics only
#   indexer-S    nothing else: no bucket, no metric (its chain set's RPC URLs
#                and the Redis token are its parameters)

locals {
  origin_arns = [for o in local.origins : "arn:${local.partition}:s3:::${o.bucket}"]

  # Role => environment variable => SSM parameter in secrets.region, for the
  # parameters set.
  secret_env = {
    edge       = { EDGE_OWNERSHIP_CHAINS = var.secrets.ownership_chains }
    signer     = { SIGNER_KEYS_PEM = var.secrets.signer_keys, SIGNER_OWNERSHIP_CHAINS = var.secrets.ownership_chains }
    transcoder = { TRANSCODER_ADMIN_TOKEN = var.secrets.transcoder_admin_token }
    indexer    = {}
  }
  # Host group => environment variable => { name, region } of its SSM
  # parameters: its role's, its chain set's RPC URLs, the Redis AUTH token.
  secrets = {
    for key, host in local.hosts : key => merge(
      { for name, param in local.secret_env[host.role] : name => { name = param, region = var.secrets.region } if param != "" },
      host.role == "indexer" ? { INDEXER_INDEXER_CHAINS = { name = var.indexer.chain_sets[host.chain_set].chains_parameter, region = var.secrets.region } } : {},
      { "${upper(host.role)}_REDIS_PASSWORD" = local.redis_token },
    )
  }
  secret_arns = {
    for key, env in local.secrets : key => [
      for param in values(env) : "arn:${local.partition}:ssm:${param.region}:${local.account}:parameter/${trimprefix(param.name, "/")}"
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
  for_each = local.hosts

  statement {
    sid       = "ReleaseBinary"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${var.release.bucket}/${var.release.key}"]
  }

  # Every group has one at least: the Redis AUTH token.
  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["ssm:GetParameter"]
    resources = local.secret_arns[each.key]
  }

  # What the SSM agent needs for Session Manager shells and port forwards and
  # for Run Command (README: restarts), and no parameter or document reads.
  statement {
    sid       = "SessionManager"
    actions   = ["ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
    resources = ["*"]
  }

  statement {
    sid       = "RunCommand"
    actions   = ["ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply"]
    resources = ["*"]
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
  for_each = local.hosts

  name               = "${local.prefix}-${each.key}"
  description        = "StreamGate ${var.name} ${each.key} hosts"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "host" {
  for_each = local.hosts

  name   = "streamgate-${each.value.role}"
  role   = aws_iam_role.host[each.key].id
  policy = data.aws_iam_policy_document.host[each.key].json
}

resource "aws_iam_instance_profile" "host" {
  for_each = local.hosts

  name = "${local.prefix}-${each.key}"
  role = aws_iam_role.host[each.key].name
  tags = local.tags
}

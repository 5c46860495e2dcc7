# The hosts: one launch template per host group, each booting the same image
# and streamgate binary with its role's config (templates/), and one
# autoscaling group per host group in the private subnets.
#
#   edge        behind the load balancer, health-checked on /readyz, scaled on CPU
#   signer      primary only, behind the load balancer's signer paths, fixed count
#   transcoder  primary only, scaled on the job backlog per host (see below)
#   indexer-S   one group per chain set S (var.indexer.chain_sets), every
#               region: revocations go to the region's own Redis

locals {
  # Host group => its role and, for indexers, its chain set.
  hosts = merge(
    { for role in local.roles : role => { role = role, chain_set = "" } if role != "indexer" },
    { for name in keys(var.indexer.chain_sets) : "indexer-${name}" => { role = "indexer", chain_set = name } },
  )

  instance_type = {
    edge       = var.edge.instance_type
    signer     = var.signer.instance_type
    transcoder = var.transcoder.instance_type
    indexer    = var.indexer.instance_type
  }
  disk_gb = {
    edge       = 16
    signer     = 16
    transcoder = var.transcoder.disk_gb
    indexer    = 16
  }
  packages = {
    edge       = []
    signer     = []
    transcoder = ["ffmpeg", "redis-tools"]
    indexer    = []
  }

  # The transcoders' scaling signal, published by every transcoder host
  # (templates/transcoder.sh.tftpl): jobs queued or running on {sg}:jobs.
  backlog_metric = {
    namespace = "StreamGate"
    name      = "JobBacklog"
  }

  # Host group => the role's part of its user data.
  host_config = merge({
    edge = templatefile("${path.module}/templates/edge.sh.tftpl", {
      origins               = local.origins
      jwks_url              = var.jwks_url
      cache_bytes           = var.edge.cache_bytes
      segment_cache_control = var.edge.segment_cache_control
      redis                 = local.redis_yaml
      alb_cidrs             = local.public_cidrs
    })
    signer = templatefile("${path.module}/templates/signer.sh.tftpl", {
      domains   = length(var.signer.domains) > 0 ? var.signer.domains : [var.domain_name]
      origins   = local.origins
      redis     = local.redis_yaml
      alb_cidrs = local.public_cidrs # the load balancer's addresses: the signer's trusted proxies
    })
    transcoder = templatefile("${path.module}/templates/transcoder.sh.tftpl", {
      aws_region     = var.aws_region
      deployment     = var.deployment
      sources_bucket = var.sources_bucket
      origin         = local.origins[0]
      workers        = var.transcoder.workers_per_instance
      redis          = local.redis_yaml
      redis_host     = local.redis_host
      redis_cluster  = var.redis.cluster
      redis_token    = local.redis_token
      stream         = "${local.redis_prefix}jobs"
      metric         = local.backlog_metric
    })
    }, {
    for name, set in var.indexer.chain_sets : "indexer-${name}" => templatefile("${path.module}/templates/indexer.sh.tftpl", {
      chain_set        = name
      chain_ids        = set.chain_ids
      chains_parameter = set.chains_parameter
      redis            = local.redis_yaml
    })
  })

  user_data = {
    for key, host in local.hosts : key => join("", [
      templatefile("${path.module}/templates/install.sh.tftpl", merge(local.install, {
        role     = host.role
        packages = local.packages[host.role]
        secrets  = local.secrets[key]
      })),
      local.host_config[key],
    ])
  }
}

resource "aws_launch_template" "host" {
  for_each = local.hosts

  name                   = "${local.prefix}-${each.key}"
  description            = "StreamGate ${var.name} ${each.key}"
  image_id               = data.aws_ami.host.id
  instance_type          = local.instance_type[each.value.role]
  user_data              = base64encode(local.user_data[each.key])
  vpc_security_group_ids = [aws_security_group.host[each.value.role].id]
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.host[each.key].arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = data.aws_ami.host.root_device_name

    ebs {
      volume_size           = local.disk_gb[each.value.role]
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${local.prefix}-${each.key}", "streamgate:role" = each.value.role })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(local.tags, { Name = "${local.prefix}-${each.key}" })
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = each.key != "signer" || var.secrets.signer_keys != ""
      error_message = "secrets.signer_keys: the primary region's signer needs the SSM parameter holding its keys."
    }

    precondition {
      condition     = each.key != "transcoder" || var.secrets.transcoder_admin_token != ""
      error_message = "secrets.transcoder_admin_token: the transcoders' job API needs the SSM parameter holding its token."
    }
  }
}

resource "aws_autoscaling_group" "edge" {
  name                      = "${local.prefix}-edge"
  vpc_zone_identifier       = aws_subnet.private[*].id
  min_size                  = var.edge.min_size
  max_size                  = var.edge.max_size
  target_group_arns         = [aws_lb_target_group.edge.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 300
  default_instance_warmup   = 120
  enabled_metrics           = ["GroupInServiceInstances", "GroupDesiredCapacity"]

  launch_template {
    id      = aws_launch_template.host["edge"].id
    version = aws_launch_template.host["edge"].latest_version
  }

  # A new release or config rolls the edges a tenth at a time.
  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 90
    }
  }
}

resource "aws_autoscaling_policy" "edge_cpu" {
  name                   = "${local.prefix}-edge-cpu"
  autoscaling_group_name = aws_autoscaling_group.edge.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = var.edge.cpu_target

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}

resource "aws_autoscaling_group" "signer" {
  count = local.primary

  name                      = "${local.prefix}-signer"
  vpc_zone_identifier       = aws_subnet.private[*].id
  min_size                  = var.signer.count
  max_size                  = var.signer.count
  target_group_arns         = [aws_lb_target_group.signer[0].arn]
  health_check_type         = "ELB"
  health_check_grace_period = 300

  launch_template {
    id      = aws_launch_template.host["signer"].id
    version = aws_launch_template.host["signer"].latest_version
  }

  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 50
    }
  }
}

resource "aws_autoscaling_group" "transcoder" {
  count = local.primary

  name                      = "${local.prefix}-transcoder"
  vpc_zone_identifier       = aws_subnet.private[*].id
  min_size                  = var.transcoder.min_size
  max_size                  = var.transcoder.max_size
  health_check_type         = "EC2"
  health_check_grace_period = 300
  default_instance_warmup   = 300
  # GroupInServiceInstances is the divisor of the scaling metric.
  enabled_metrics = ["GroupInServiceInstances", "GroupDesiredCapacity"]

  launch_template {
    id      = aws_launch_template.host["transcoder"].id
    version = aws_launch_template.host["transcoder"].latest_version
  }

  # A job on a replaced host is taken over by another worker after the
  # queue's claim_timeout (XAUTOCLAIM), so rolling loses time, not jobs.
  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 50
    }
  }
}

# Target tracking on backlog per host: JobBacklog / GroupInServiceInstances
# toward jobs_per_instance. More queued jobs add hosts; an idle queue removes
# them down to min_size (a scale-in may interrupt a job: it is retried).
resource "aws_autoscaling_policy" "transcoder_backlog" {
  count = local.primary

  name                      = "${local.prefix}-transcoder-backlog"
  autoscaling_group_name    = aws_autoscaling_group.transcoder[0].name
  policy_type               = "TargetTrackingScaling"
  estimated_instance_warmup = 300

  target_tracking_configuration {
    target_value = var.transcoder.jobs_per_instance

    customized_metric_specification {
      metrics {
        id          = "backlog"
        label       = "Jobs queued or running"
        return_data = false

        metric_stat {
          stat = "Maximum"

          metric {
            namespace   = local.backlog_metric.namespace
            metric_name = local.backlog_metric.name

            dimensions {
              name  = "Deployment"
              value = var.deployment
            }
          }
        }
      }

      metrics {
        id          = "hosts"
        label       = "Transcoder hosts in service"
        return_data = false

        metric_stat {
          stat = "Average"

          metric {
            namespace   = "AWS/AutoScaling"
            metric_name = "GroupInServiceInstances"

            dimensions {
              name  = "AutoScalingGroupName"
              value = aws_autoscaling_group.transcoder[0].name
            }
          }
        }
      }

      metrics {
        id          = "per_host"
        label       = "Jobs per transcoder host"
        expression  = "backlog / hosts"
        return_data = true
      }
    }
  }
}

# One group per chain set. Two hosts by default: both follow the chains and a
# Redis lease (indexer.lease_ttl) lets one publish per chain at a time, so a
# lost host costs at most a lease's wait, not the revocations. At least one
# stays in service; nothing reaches them, so the EC2 status is their health.
resource "aws_autoscaling_group" "indexer" {
  for_each = var.indexer.chain_sets

  name                      = "${local.prefix}-indexer-${each.key}"
  vpc_zone_identifier       = aws_subnet.private[*].id
  min_size                  = 1
  max_size                  = var.indexer.count
  desired_capacity          = var.indexer.count
  health_check_type         = "EC2"
  health_check_grace_period = 300

  launch_template {
    id      = aws_launch_template.host["indexer-${each.key}"].id
    version = aws_launch_template.host["indexer-${each.key}"].latest_version
  }

  # One host at a time: the other keeps (or takes over) the lease.
  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 50
    }
  }

  tag {
    key                 = "streamgate:chains"
    value               = join(" ", each.value.chain_ids)
    propagate_at_launch = true
  }
}

# One StreamGate region: network, origin bucket, Redis, edges behind a load
# balancer and, in the primary region, the signer and the transcoders. What
# every host runs is the one streamgate binary from var.release, configured by
# the templates in templates/ (install.sh.tftpl, then the role's part).

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_ami" "host" {
  most_recent = true
  owners      = [var.ami.owner]

  filter {
    name   = "name"
    values = [var.ami.name]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

locals {
  prefix    = "${var.deployment}-${var.name}"
  tags      = merge(var.tags, { "streamgate:deployment" = var.deployment, "streamgate:region" = var.name })
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  primary   = var.primary ? 1 : 0

  # Own region first, then the fallbacks: the order of origin.regions.
  origins = concat(
    [{ name = var.name, bucket = var.origin_bucket, aws_region = var.aws_region }],
    var.fallback_origins,
  )

  # Everything a host's bootstrap needs besides its role (install.sh.tftpl).
  install = {
    aws_region     = var.aws_region
    release_bucket = var.release.bucket
    release_key    = var.release.key
    release_region = var.release.region
    release_sha256 = var.release.sha256
  }
}

# The configuration of this module's provider must match var.aws_region: the
# hosts' configs name the region's S3 endpoint from it.
resource "terraform_data" "region_check" {
  input = var.aws_region

  lifecycle {
    precondition {
      condition     = data.aws_region.current.region == var.aws_region
      error_message = "aws_region is ${var.aws_region} but this module's provider is configured for ${data.aws_region.current.region}: pass the matching provider alias."
    }
  }
}

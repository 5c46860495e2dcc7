# StreamGate in two regions behind one CloudFront distribution.
#
#   viewers ──▶ CloudFront (domain_name) ──▶ primary region's edges ──(5xx)──▶ secondary's edges
#                 └─ /auth/*, /playback/*, /.well-known/jwks.json ──▶ primary's signer
#   transcoders (primary) ──▶ primary origin bucket ──S3 replication──▶ secondary origin bucket
#   indexers (each region, a group per chain set) ──▶ the region's Redis (revocations)
#
# See ../../README.md for the steps, the checks and the cost drivers.

data "aws_caller_identity" "current" {
  provider = aws.primary
}

data "aws_route53_zone" "main" {
  provider = aws.primary

  name         = var.zone_name
  private_zone = false
}

locals {
  primary   = one([for r in var.regions : r if r.primary])
  secondary = one([for r in var.regions : r if !r.primary])
  account   = data.aws_caller_identity.current.account_id

  # Bucket names are global: the account ID keeps them unique.
  bucket = { for r in var.regions : r.name => "${var.deployment}-media-${r.name}-${local.account}" }
  origin = {
    for r in var.regions : r.name => { name = r.name, bucket = local.bucket[r.name], aws_region = r.aws_region }
  }
  edge_hostname = { for r in var.regions : r.name => "edge-${r.name}.${var.domain_name}" }

  # Edges in every region verify tokens with the primary's signer, via the CDN.
  jwks_url = "https://${var.domain_name}/.well-known/jwks.json"
  secrets  = merge(var.secrets, { region = coalesce(var.secrets.region, local.primary.aws_region) })
}

module "primary" {
  source    = "../../modules/region"
  providers = { aws = aws.primary, random = random }

  deployment         = var.deployment
  name               = local.primary.name
  aws_region         = local.primary.aws_region
  primary            = true
  vpc_cidr           = local.primary.vpc_cidr
  az_count           = local.primary.az_count
  nat_gateway_per_az = var.nat_gateway_per_az
  domain_name        = var.domain_name
  edge_hostname      = local.edge_hostname[local.primary.name]
  zone_id            = data.aws_route53_zone.main.zone_id
  release            = var.release
  origin_bucket      = local.bucket[local.primary.name]
  fallback_origins   = [local.origin[local.secondary.name]]
  sources_bucket     = "${var.deployment}-sources-${local.account}"
  jwks_url           = local.jwks_url
  secrets            = local.secrets
  edge               = var.edge
  signer             = var.signer
  transcoder         = var.transcoder
  redis              = var.redis
  indexer            = var.indexer
  edge_ingress_cidrs = var.edge_ingress_cidrs
  tags               = var.tags
}

module "secondary" {
  source    = "../../modules/region"
  providers = { aws = aws.secondary, random = random }

  deployment         = var.deployment
  name               = local.secondary.name
  aws_region         = local.secondary.aws_region
  primary            = false
  vpc_cidr           = local.secondary.vpc_cidr
  az_count           = local.secondary.az_count
  nat_gateway_per_az = var.nat_gateway_per_az
  domain_name        = var.domain_name
  edge_hostname      = local.edge_hostname[local.secondary.name]
  zone_id            = data.aws_route53_zone.main.zone_id
  release            = var.release
  origin_bucket      = local.bucket[local.secondary.name]
  fallback_origins   = [local.origin[local.primary.name]]
  jwks_url           = local.jwks_url
  secrets            = local.secrets
  edge               = var.edge
  redis              = var.redis
  indexer            = var.indexer
  edge_ingress_cidrs = var.edge_ingress_cidrs
  tags               = var.tags
}

module "replication" {
  source    = "../../modules/replication"
  providers = { aws = aws.primary }

  deployment          = var.deployment
  source_bucket       = module.primary.origin_bucket
  destination_buckets = [module.secondary.origin_bucket]
  tags                = var.tags
}

module "cdn" {
  source = "../../modules/cdn"
  providers = {
    aws           = aws.primary
    aws.us_east_1 = aws.us_east_1
  }

  deployment  = var.deployment
  domain_name = var.domain_name
  zone_id     = data.aws_route53_zone.main.zone_id
  edge_origins = [
    { name = module.primary.name, hostname = module.primary.edge_hostname },
    { name = module.secondary.name, hostname = module.secondary.edge_hostname },
  ]
  price_class = var.price_class
  web_acl_arn = var.web_acl_arn
  tags        = var.tags
}

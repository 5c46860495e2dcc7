# Terraform cannot iterate over providers, so each region has its own provider
# alias and its own module block (main.tf). To add a region: a provider here,
# a module block like module.secondary, its bucket in the replication
# destinations and, for CDN failover, see the README.

provider "aws" {
  alias  = "primary"
  region = local.primary.aws_region
}

provider "aws" {
  alias  = "secondary"
  region = local.secondary.aws_region
}

# CloudFront takes certificates from us-east-1 only.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

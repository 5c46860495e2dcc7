terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0, < 7.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6, < 4.0"
    }
  }

  # State holds one kind of secret, each region's Redis AUTH token (ElastiCache
  # takes it as an argument; keys and other tokens stay in SSM): keep it in an
  # encrypted, private, shared and locked backend, e.g.:
  # backend "s3" {
  #   bucket       = "example-terraform-state"
  #   key          = "streamgate/two-regions.tfstate"
  #   region       = "eu-west-1"
  #   encrypt      = true
  #   use_lockfile = true
  # }
}

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0, < 7.0"
    }
  }

  # State holds no secrets (keys and tokens stay in SSM), but keep it shared
  # and locked, e.g.:
  # backend "s3" {
  #   bucket       = "example-terraform-state"
  #   key          = "streamgate/two-regions.tfstate"
  #   region       = "eu-west-1"
  #   use_lockfile = true
  # }
}

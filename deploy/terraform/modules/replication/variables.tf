variable "deployment" {
  type        = string
  description = "Short name of the deployment, the first part of the replication role's name."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.deployment))
    error_message = "deployment: want 2-12 characters of a-z, 0-9 and -, starting with a letter."
  }
}

variable "source_bucket" {
  type        = string
  description = "Name of the primary region's origin bucket (versioned), which the transcoders publish to."
}

variable "destination_buckets" {
  type        = list(string)
  description = "Names of the other regions' origin buckets (versioned), each receiving every object and delete marker of the source."

  validation {
    condition     = length(var.destination_buckets) >= 1 && length(distinct(var.destination_buckets)) == length(var.destination_buckets)
    error_message = "destination_buckets: want at least one bucket, each once."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the replication role."
  default     = {}
}

// Package terraform holds no code: its tests check the Terraform in this
// folder without Terraform or providers (formatting, references, variables,
// module calls) and load the configs the hosts' user data writes with the
// services' own loaders.
package terraform

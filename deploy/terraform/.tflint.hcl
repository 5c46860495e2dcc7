# tflint with only the Terraform rules bundled in the binary (no plugin
# download, so `tflint --init` is never needed): the "recommended" preset.
# Run from the repository root: make test (bin/tflint --recursive).
config {
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

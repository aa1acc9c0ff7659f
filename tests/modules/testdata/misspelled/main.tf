# Known-bad input for lint.mjs (tests/modules/run.sh expects the lint to reject it): a
# misspelled argument, a computed-only attribute set, a missing required argument and an
# unknown dynamic block.
resource "crd_vm" "typo" {
  name    = "web"
  flavour = "m1.small"
  image   = "ubuntu-24.04"
  status  = "ACTIVE"
}

resource "crd_security_group" "typo" {
  dynamic "rules" {
    for_each = []
    content {}
  }
}

# Real-CLI smoke test of the SDK through the sdktest provider (tests/real-terraform/sdktest.sh).
terraform {
  required_providers {
    sdktest = { source = "crd-cloud/sdktest" }
  }
}

variable "name" {
  type    = string
  default = "alpha"
}

provider "sdktest" {
  prefix = "p-"
}

resource "sdktest_thing" "a" {
  name      = var.name
  tags      = { env = "dev" }
  labels    = ["x", "y"]
  ports     = [80, 443]
  payload   = { any = "thing" }
  secret_wo = "write-only"
  password  = "hunter2"
  network { cidr = "10.0.0.0/24" }
  disk { size_gb = 10 }
  disk {
    size_gb = 20
    type    = "hdd"
  }
  rule { port = 22 }
  meta "k" { value = "v" }
}

data "sdktest_echo" "e" {
  input = sdktest_thing.a.id
}

output "echo" {
  value = data.sdktest_echo.e.output
}

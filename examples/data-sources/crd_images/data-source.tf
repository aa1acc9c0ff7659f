# One image by exact name on the default site.
data "crd_images" "ubuntu" {
  name = "ubuntu-24.04"
}

# The newest image whose properties say Kubernetes v1.30.2, on a named site.
data "crd_images" "kube" {
  site        = "montpellier"
  properties  = { kube_version = "v1.30.2" }
  most_recent = true
}

# Every Debian or Rocky image, newest first.
data "crd_images" "rhel_like_or_debian" {
  name_regex = "^(debian|rocky)-"
}

output "ubuntu_image_id" {
  value = data.crd_images.ubuntu.id
}

output "kube_image" {
  value = "${data.crd_images.kube.name} (${data.crd_images.kube.id})"
}

output "other_images" {
  value = [for i in data.crd_images.rhel_like_or_debian.images : "${i.name} created ${i.created_at}"]
}

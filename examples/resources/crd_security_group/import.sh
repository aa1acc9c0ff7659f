# A security group is imported by <site>/<id> or <site>/<project>/<id>.
terraform import crd_security_group.bastion toulouse/5f0b7e3c-3c84-4b3e-9d6c-0c6d2b7f4a11

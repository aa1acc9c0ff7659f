# A server is imported by "<site>/<server id>" (or "<site>/<project id>/<server id>").
terraform import crd_vm.web toulouse/8c1e2d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f

# A portal project, by its uuid (as the portal shows it):
terraform import crd_project.course 3f2a9c0d5e7b4f1a8c6d2e9b0a4f7c1d

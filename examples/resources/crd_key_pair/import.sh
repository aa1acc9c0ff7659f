# A key pair is imported by <site>/<name> (Nova identifies key pairs by name).
terraform import 'crd_key_pair.alice["toulouse"]' toulouse/alice

namespace Crd.Cloud.Tests.Support;

/// <summary>crd-sim whose Keystone tokens live 5 simulated minutes (expiry tests move the clock).</summary>
public sealed class ShortTokenSim() : CloudSim("--instant", "--token-lifetime", "300");

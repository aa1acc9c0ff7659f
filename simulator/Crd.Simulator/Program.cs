using Crd.Simulator.Cli;

return await SimCli.Build().Parse(args).InvokeAsync();

using Hotset.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await HotsetCli.RunAsync(args, CliContext.FromProcess(), cancel.Token);

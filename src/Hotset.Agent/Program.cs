using Hotset.Agent;

// A socket's completions run on the thread that polled them, not on a thread-pool thread woken for each one: an
// idle agent otherwise pays one more thread wake-up per HTTP request and per QMP reply (docs/benchmarks.md). The
// runtime reads this once, when the first socket is used, so it is set before anything else.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
AgentApplication.Create(args).Run();

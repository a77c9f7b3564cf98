using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hotset.Agent.Tests.Fakes;

/// <summary>Keeps every log entry with the scopes open when it was written.</summary>
internal sealed class FakeLogSink : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class SinkLogger(FakeLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object?>();
            sink._scopes.ForEachScope((scope, list) => list.Add(scope), scopes);
            sink.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), scopes));
        }
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<object?> Scopes);

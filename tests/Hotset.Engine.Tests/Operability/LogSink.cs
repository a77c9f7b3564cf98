using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hotset.Engine.Tests.Operability;

/// <summary>Keeps every log entry: its category, its message and its structured fields.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<LoggedEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class SinkLogger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            sink.Entries.Enqueue(new LoggedEntry(category, formatter(state, exception) + " " + exception,
                fields.ToDictionary(f => f.Key, f => f.Value)));
        }
    }
}

internal sealed record LoggedEntry(string Category, string Message, IReadOnlyDictionary<string, object?> Fields);

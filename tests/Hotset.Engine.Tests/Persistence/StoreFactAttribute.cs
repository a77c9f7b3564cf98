using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hotset.Engine.Tests.Persistence;

/// <summary>
/// A fact of the store suite. In a class marked <see cref="PostgresAttribute"/> it is skipped only when
/// <c>HOTSET_TEST_PG</c> is absent outside CI; with <c>CI=true</c> and no server it runs and fails.
/// </summary>
[XunitTestCaseDiscoverer("Hotset.Engine.Tests.Persistence.StoreFactDiscoverer", "Hotset.Engine.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a store suite that needs the PostgreSQL server named by <c>HOTSET_TEST_PG</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostgresAttribute : Attribute
{
    public const string Variable = "HOTSET_TEST_PG";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped here, or null when they must run.</summary>
    public static string? SkipReason => ConnectionString is null && !InCi
        ? $"{Variable} is not set (scripts/pg-test.sh start prints a value); CI=true makes this a failure."
        : null;
}

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.ToRuntimeType().IsDefined(typeof(PostgresAttribute), inherit: false);
        var skip = needsPostgres ? PostgresAttribute.SkipReason : null;
        yield return skip is null
            ? new XunitTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
            : new SkippedTestCase(skip, diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>A test case skipped for a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("For deserialization only.")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(string reason, IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options,
        ITestMethod method)
        : base(sink, display, options, method)
    {
        // The base constructor may already have read the skip reason (before this field was set).
        _reason = reason;
        SkipReason = reason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Reason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        base.Deserialize(data);
        _reason = data.GetValue<string>("Reason");
        SkipReason = _reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}

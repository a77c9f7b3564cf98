using Hotset.Core.Faults;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class MigrationValidationTests
{
    private static MigrationDestination Host(int maxPerVm, int cores) =>
        new("host2", maxPerVm, new HostCpuCapacity(cores, cores * 2, false, 0));

    [Theory]
    [InlineData(16, 255, 8, new string[0])]
    [InlineData(16, 0, 8, new string[0])] // the host did not report a limit
    [InlineData(16, 8, 8, new[] { "MIGRATION_DESTINATION_MAX_VCPUS" })]
    [InlineData(16, 255, 3, new[] { "MIGRATION_DESTINATION_CPUS" })]
    [InlineData(16, 8, 3, new[] { "MIGRATION_DESTINATION_CPUS", "MIGRATION_DESTINATION_MAX_VCPUS" })]
    public void Validate_Destination(int startedMax, int hostMax, int hostCores, string[] codes) =>
        Assert.Equal(codes, MigrationValidation.Validate("vm1", new CpuTopology(4, 1, 1), startedMax, Host(hostMax, hostCores))
            .Select(f => f.Code));

    [Fact]
    public void Faults_ExactTexts()
    {
        var faults = MigrationValidation.Validate("vm1", new CpuTopology(4, 1, 1), 16, Host(8, 2));

        Assert.Equal(
        [
            new Fault("MIGRATION_DESTINATION_CPUS", FaultKind.Conflict,
                "Cannot migrate VM. VM vm1 runs 4 vCPUs, but host host2 has 2 CPUs available. Choose another host, or lower the VM's CPUs first."),
            new Fault("MIGRATION_DESTINATION_MAX_VCPUS", FaultKind.Conflict,
                "Cannot migrate VM. VM vm1 was started with room for 16 vCPUs, but host host2 supports at most 8 vCPUs per VM. "
                + "Migrate it to a host that supports 16 vCPUs, or restart it first so it starts with a lower maximum."),
        ], faults);
    }
}

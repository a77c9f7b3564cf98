namespace Hotset.Agent.Hooks;

/// <summary>Hook points, named as VDSM names them; each is a directory under <see cref="HookOptions.Directory"/>.</summary>
public static class HookPoint
{
    /// <summary>Before <c>VM.setNumberOfCpus</c> changes anything; a failure aborts the verb (error 1500).</summary>
    public const string BeforeSetNumOfCpus = "before_set_num_of_cpus";

    /// <summary>After a successful <c>VM.setNumberOfCpus</c>; failures are logged only.</summary>
    public const string AfterSetNumOfCpus = "after_set_num_of_cpus";

    /// <summary>Before <c>VM.create</c> starts QEMU; a failure aborts the verb (error 1500).</summary>
    public const string BeforeVmStart = "before_vm_start";

    /// <summary>After <c>VM.destroy</c> stopped QEMU; failures are logged only.</summary>
    public const string AfterVmDestroy = "after_vm_destroy";
}

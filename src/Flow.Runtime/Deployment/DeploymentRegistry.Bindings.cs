using System;
using System.Linq;
using System.Reflection;

namespace Flow.Deployment;

public sealed partial class DeploymentRegistry
{
    /// <summary>
    /// The services that tasks bound by name resolve their handlers from (keyed services; the
    /// host's container with <c>AddFlowRuntime</c>). Every process object the registry creates gets
    /// them, unless its factory set its own. A version with a task bound to a name that is not
    /// registered here is refused before it goes live (FLOW6240).
    /// </summary>
    public IServiceProvider? HandlerServices { get; init; }

    private IFlowProcess WithHandlerServices(IFlowProcess process)
    {
        if (process is IBoundHandlers bound && bound.HandlerServices is null)
        {
            bound.HandlerServices = HandlerServices;
        }

        return process;
    }

    /// <summary>False when the generated class's static description binds no task by name (a type without one is checked on an instance).</summary>
    private static bool MayHaveBindings(Type type) =>
        type.GetProperty("Description", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not ProcessDescription description
        || description.Nodes.Any(n => n.HandlerBinding is not null);

    /// <summary>Refuses a loaded version with a task bound to a handler the host has not registered (FLOW6240), before its health check.</summary>
    private void CheckHandlerBindings(DeployedVersion version)
    {
        foreach (var key in version.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            var type = version.ProcessType(key)!;
            if (!MayHaveBindings(type))
            {
                continue;   // nothing bound by name: no process object is made just to check
            }

            if (ProcessFactory(type) is IBoundHandlers bound && bound.MissingHandlers() is { Count: > 0 } missing)
            {
                var list = string.Join(", ", missing.Select(m => $"task '{m.NodeId}' → handler '{m.Name}'"));
                throw new FlowDeploymentException(
                    HandlerErrors.MissingBinding,
                    $"Deployment '{version.Name}' version {version.Version}: process '{key}' binds {list}, which the host has not registered (a keyed IFlowHandler<TData> or IFlowJsonHandler); nothing of it went live.");
            }
        }
    }
}

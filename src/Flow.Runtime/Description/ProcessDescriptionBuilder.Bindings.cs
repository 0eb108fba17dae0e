namespace Flow;

/// <summary>
/// Rows for tasks bound to a handler by name (<c>camunda:class</c>, <c>camunda:delegateExpression</c>,
/// <c>flow:handler</c>), the most common task of a Camunda export:
/// <c>d.ServiceTask("Task_1", "Check stock", binding: "checkStock");</c> instead of a whole <see cref="NodeDescription"/>.
/// </summary>
public sealed partial class ProcessDescriptionBuilder
{
    /// <summary>Adds a <see cref="NodeKind.ServiceTask"/> bound to the handler named <paramref name="binding"/>, in the current scope.</summary>
    public void ServiceTask(string id, string? name, string binding) => Bound(id, NodeKind.ServiceTask, name, binding);

    /// <summary>Adds a <see cref="NodeKind.SendTask"/> bound to the handler named <paramref name="binding"/>, in the current scope.</summary>
    public void SendTask(string id, string? name, string binding) => Bound(id, NodeKind.SendTask, name, binding);

    /// <summary>Adds a <see cref="NodeKind.BusinessRuleTask"/> bound to the handler named <paramref name="binding"/>, in the current scope.</summary>
    public void BusinessRuleTask(string id, string? name, string binding) => Bound(id, NodeKind.BusinessRuleTask, name, binding);

    /// <summary>Adds a bound <see cref="NodeKind.ServiceTask"/> with a job boundary (<c>camunda:asyncBefore</c>/<c>asyncAfter</c>), in the current scope.</summary>
    public void ServiceTask(string id, string? name, string binding, AsyncDescription async) => Bound(id, NodeKind.ServiceTask, name, binding, async);

    /// <summary>Adds a bound <see cref="NodeKind.SendTask"/> with a job boundary, in the current scope.</summary>
    public void SendTask(string id, string? name, string binding, AsyncDescription async) => Bound(id, NodeKind.SendTask, name, binding, async);

    /// <summary>Adds a bound <see cref="NodeKind.BusinessRuleTask"/> with a job boundary, in the current scope.</summary>
    public void BusinessRuleTask(string id, string? name, string binding, AsyncDescription async) => Bound(id, NodeKind.BusinessRuleTask, name, binding, async);

    private void Bound(string id, NodeKind kind, string? name, string binding, AsyncDescription? async = null) =>
        Node(new NodeDescription(id, name, kind, _scope) { HandlerBinding = binding, Async = async });
}

namespace Flow;

/// <summary>One method per node kind, so a generated row reads like the diagram: <c>d.UserTask("Task_Review", "Review");</c>.</summary>
public sealed partial class ProcessDescriptionBuilder
{
    /// <summary>Adds a plain <see cref="NodeKind.StartEvent"/> in the current scope.</summary>
    public void StartEvent(string id, string? name = null) => Node(id, NodeKind.StartEvent, name);

    /// <summary>Adds a plain <see cref="NodeKind.EndEvent"/> in the current scope.</summary>
    public void EndEvent(string id, string? name = null) => Node(id, NodeKind.EndEvent, name);

    /// <summary>Adds a plain <see cref="NodeKind.IntermediateCatchEvent"/> in the current scope.</summary>
    public void IntermediateCatchEvent(string id, string? name = null) => Node(id, NodeKind.IntermediateCatchEvent, name);

    /// <summary>Adds a plain <see cref="NodeKind.IntermediateThrowEvent"/> in the current scope.</summary>
    public void IntermediateThrowEvent(string id, string? name = null) => Node(id, NodeKind.IntermediateThrowEvent, name);

    /// <summary>Adds a plain <see cref="NodeKind.BoundaryEvent"/> in the current scope.</summary>
    public void BoundaryEvent(string id, string? name = null) => Node(id, NodeKind.BoundaryEvent, name);

    /// <summary>Adds a plain <see cref="NodeKind.Task"/> in the current scope.</summary>
    public void Task(string id, string? name = null) => Node(id, NodeKind.Task, name);

    /// <summary>Adds a plain <see cref="NodeKind.ServiceTask"/> in the current scope.</summary>
    public void ServiceTask(string id, string? name = null) => Node(id, NodeKind.ServiceTask, name);

    /// <summary>Adds a plain <see cref="NodeKind.SendTask"/> in the current scope.</summary>
    public void SendTask(string id, string? name = null) => Node(id, NodeKind.SendTask, name);

    /// <summary>Adds a plain <see cref="NodeKind.ReceiveTask"/> in the current scope.</summary>
    public void ReceiveTask(string id, string? name = null) => Node(id, NodeKind.ReceiveTask, name);

    /// <summary>Adds a plain <see cref="NodeKind.UserTask"/> in the current scope.</summary>
    public void UserTask(string id, string? name = null) => Node(id, NodeKind.UserTask, name);

    /// <summary>Adds a plain <see cref="NodeKind.ManualTask"/> in the current scope.</summary>
    public void ManualTask(string id, string? name = null) => Node(id, NodeKind.ManualTask, name);

    /// <summary>Adds a plain <see cref="NodeKind.BusinessRuleTask"/> in the current scope.</summary>
    public void BusinessRuleTask(string id, string? name = null) => Node(id, NodeKind.BusinessRuleTask, name);

    /// <summary>Adds a plain <see cref="NodeKind.ScriptTask"/> in the current scope.</summary>
    public void ScriptTask(string id, string? name = null) => Node(id, NodeKind.ScriptTask, name);

    /// <summary>Adds a plain <see cref="NodeKind.CallActivity"/> in the current scope.</summary>
    public void CallActivity(string id, string? name = null) => Node(id, NodeKind.CallActivity, name);

    /// <summary>Adds a plain <see cref="NodeKind.SubProcess"/> in the current scope.</summary>
    public void SubProcess(string id, string? name = null) => Node(id, NodeKind.SubProcess, name);

    /// <summary>Adds a plain <see cref="NodeKind.Transaction"/> in the current scope.</summary>
    public void Transaction(string id, string? name = null) => Node(id, NodeKind.Transaction, name);

    /// <summary>Adds a plain <see cref="NodeKind.AdHocSubProcess"/> in the current scope.</summary>
    public void AdHocSubProcess(string id, string? name = null) => Node(id, NodeKind.AdHocSubProcess, name);

    /// <summary>Adds a plain <see cref="NodeKind.ExclusiveGateway"/> in the current scope.</summary>
    public void ExclusiveGateway(string id, string? name = null) => Node(id, NodeKind.ExclusiveGateway, name);

    /// <summary>Adds a plain <see cref="NodeKind.InclusiveGateway"/> in the current scope.</summary>
    public void InclusiveGateway(string id, string? name = null) => Node(id, NodeKind.InclusiveGateway, name);

    /// <summary>Adds a plain <see cref="NodeKind.ParallelGateway"/> in the current scope.</summary>
    public void ParallelGateway(string id, string? name = null) => Node(id, NodeKind.ParallelGateway, name);

    /// <summary>Adds a plain <see cref="NodeKind.EventBasedGateway"/> in the current scope.</summary>
    public void EventBasedGateway(string id, string? name = null) => Node(id, NodeKind.EventBasedGateway, name);

    /// <summary>Adds a plain <see cref="NodeKind.ComplexGateway"/> in the current scope.</summary>
    public void ComplexGateway(string id, string? name = null) => Node(id, NodeKind.ComplexGateway, name);
}

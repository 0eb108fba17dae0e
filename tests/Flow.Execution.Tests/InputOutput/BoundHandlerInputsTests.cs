using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// Handlers bound by name (camunda:delegateExpression …) see their task's evaluated input
/// parameters through <c>context.Inputs</c> (JSON handlers as a JsonObject, typed handlers through
/// GetInput/TryGetInput), and what they set on an input is what the output parameters see.
/// </summary>
public class BoundHandlerInputsTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private const string Binding = "${quote}";

    private const string Parameters = """
                  <camunda:inputParameter name="sizes"><camunda:list><camunda:value>${1}</camunda:value><camunda:value>${2}</camunda:value></camunda:list></camunda:inputParameter>
                  <camunda:inputParameter name="labels"><camunda:map><camunda:entry key="a">first</camunda:entry><camunda:entry key="b">${"second"}</camunda:entry></camunda:map></camunda:inputParameter>
                  <camunda:inputParameter name="gross" flow:type="decimal">${amount * 1.2m}</camunda:inputParameter>
                  <camunda:inputParameter name="note">draft</camunda:inputParameter>
                  <camunda:outputParameter name="total">${gross + sizes.Count}</camunda:outputParameter>
                  <camunda:outputParameter name="note">${note + "!"}</camunda:outputParameter>
        """;

    /// <summary>start → Quote (bound to "quote", with <paramref name="parameters"/>) → [user task] → end.</summary>
    private static string Diagram(string parameters, bool wait = false, string loop = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" {Camunda} id="D">
          <bpmn:process id="quote" name="Quote" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="amount" type="decimal" />
              <flow:variable name="total" type="decimal" />
              <flow:variable name="note" type="string?" />
              <flow:variable name="tags" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="log" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Quote" camunda:delegateExpression="{Binding}">
              <bpmn:extensionElements>
                <camunda:inputOutput>
        {parameters}
                </camunda:inputOutput>
              </bpmn:extensionElements>
              {loop}
            </bpmn:serviceTask>
            {(wait ? "<bpmn:userTask id=\"Review\" />" : "")}
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Quote" />
            {(wait ? "<bpmn:sequenceFlow id=\"F2\" sourceRef=\"Quote\" targetRef=\"Review\" /><bpmn:sequenceFlow id=\"F3\" sourceRef=\"Review\" targetRef=\"End\" />" : "<bpmn:sequenceFlow id=\"F2\" sourceRef=\"Quote\" targetRef=\"End\" />")}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string OverTags = "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\" camunda:collection=\"tags\" camunda:elementVariable=\"item\" flow:elementType=\"string\" />";

    private static IFlowProcess Load(string bpmn, IServiceProvider services) => Load(bpmn, _ => services, collectible: true);

    /// <summary>
    /// Compiles and loads the flow. A typed handler needs the data type from a context that never
    /// unloads (as in a built project, where the host has the generated data class), so a typed
    /// test loads it non-collectible and registers its handler over the generated data type.
    /// </summary>
    private static IFlowProcess Load(string bpmn, Func<Type, IServiceProvider> services, bool collectible)
    {
        var bytes = FlowAssembly.Emit("Flows.Bound.Inputs", new[] { ("/flows/quote.bpmn", bpmn) }, Array.Empty<string>());
        var context = new AssemblyLoadContext("bound-inputs-" + Guid.NewGuid().ToString("N"), isCollectible: collectible);
        var type = context.LoadFromStream(new MemoryStream(bytes)).GetTypes().Single(t => typeof(IFlowProcess).IsAssignableFrom(t));
        var process = (IFlowProcess)Activator.CreateInstance(type)!;
        ((dynamic)process).HandlerServices = services(process.DataType);
        return process;
    }

    private static IFlowProcess LoadTyped(string bpmn, Action<TaskInputs, dynamic> handler) =>
        Load(bpmn, dataType => (IServiceProvider)typeof(BoundHandlerInputsTests).GetMethod(nameof(TypedHandler), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(dataType).Invoke(null, new object[] { handler })!, collectible: false);

    private static IServiceProvider TypedHandler<TData>(Action<TaskInputs, dynamic> handler)
        where TData : class =>
        new ServiceCollection()
            .AddFlowHandler<TData>("quote", (context, ct) => { handler(context.Inputs, context.Data); return default; })
            .AddFlowHandler("quote", (_, _) => throw new InvalidOperationException("the JSON handler must not run"))
            .BuildServiceProvider();

    private static async Task<IFlowInstance> RunAsync(IFlowProcess process, object data, bool tokenEngine)
    {
        EngineSwitch.ForceTokenEngine = tokenEngine;
        try
        {
            return await process.StartAsync(data).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            EngineSwitch.ForceTokenEngine = false;
        }
    }

    private static JsonNode Data(IFlowInstance instance) => JsonNode.Parse(instance.ToJson())!["Data"]!;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_json_handler_reads_list_map_and_decimal_inputs_and_its_changes_to_them_are_what_the_outputs_see(bool tokenEngine, bool wait)
    {
        JsonObject? seen = null;
        var services = new ServiceCollection().AddFlowHandler("quote", (context, ct) =>
        {
            seen = (JsonObject)context.Inputs.DeepClone();
            context.Inputs["gross"] = context.Inputs["gross"]!.GetValue<decimal>() + 4m;
            context.Inputs["note"] = "json";
            context.Data["log"]!.AsArray().Add("data note: " + context.Data["note"]?.GetValue<string>());
            return default;
        }).BuildServiceProvider();
        var process = Load(Diagram(Parameters, wait), services);

        var instance = await RunAsync(process, process.DataFromJson("""{"amount":5,"note":"process","log":[]}"""), tokenEngine);

        Assert.Equal(wait ? InstanceStatus.Waiting : InstanceStatus.Completed, instance.Status);
        Assert.NotNull(seen);
        Assert.Equal(new[] { "gross", "labels", "note", "sizes" }, seen.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("[1,2]", seen["sizes"]!.ToJsonString());
        Assert.Equal("""{"a":"first","b":"second"}""", seen["labels"]!.ToJsonString());
        Assert.Equal(6.0m, seen["gross"]!.GetValue<decimal>());
        Assert.Equal("draft", seen["note"]!.GetValue<string>());
        var data = Data(instance);
        Assert.Equal(12.0m, data["total"]!.GetValue<decimal>()); // the gross the handler set (10) + 2 sizes
        Assert.Equal("json!", data["note"]!.GetValue<string>());
        Assert.Equal(5m, data["amount"]!.GetValue<decimal>());
        Assert.Equal("data note: process", data["log"]![0]!.GetValue<string>()); // the input hid nothing in the data
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_typed_handler_reads_a_decimal_input_and_a_list_and_sets_an_input_for_the_outputs(bool tokenEngine)
    {
        var process = LoadTyped(Diagram(Parameters), (inputs, data) =>
        {
            var gross = inputs.GetInput<decimal>("gross");
            Assert.True(inputs.TryGetInput<IReadOnlyList<int>>("sizes", out var sizes));
            Assert.False(inputs.TryGetInput<string>("missing", out _));
            var labels = inputs.GetInput<Dictionary<string, string>>("labels");
            Assert.Equal(typeof(decimal), inputs.GetInputType("gross"));
            data.log.Add($"{gross} {string.Join(",", sizes)} {labels["b"]} {inputs.GetInput<string>("note")} [{string.Join(",", inputs.Names)}]");
            inputs.SetInput("gross", gross * 10);
            inputs.SetInput<string?>("note", null);
        });

        var instance = await RunAsync(process, process.DataFromJson("""{"amount":5,"note":"process","log":[]}"""), tokenEngine);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var data = Data(instance);
        Assert.Equal("""["6.0 1,2 second draft [sizes,labels,gross,note]"]""", data["log"]!.ToJsonString());
        Assert.Equal(62.0m, data["total"]!.GetValue<decimal>());
        Assert.Equal("!", data["note"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GetInput<double>(gross)", "FLOW6281", "input 'gross' of task 'Quote' is decimal, not double; read it as GetInput<decimal>(\"gross\")")]
    [InlineData("TryGetInput<int>(labels)", "FLOW6281", "input 'labels' of task 'Quote' is Dictionary<string, string>, not int")]
    [InlineData("GetInput<decimal>(grosss)", "FLOW6280", "task 'Quote' has no input 'grosss' (its inputs: sizes, labels, gross, note)")]
    [InlineData("SetInput(gross, 1.5)", "FLOW6282", "input 'gross' of task 'Quote' is decimal, so a value of type double cannot be set to it")]
    [InlineData("SetInput(amount, 1m)", "FLOW6282", "task 'Quote' has no input 'amount' to set")]
    public async Task A_typed_handler_that_reads_or_sets_an_input_wrongly_fails_the_task_naming_it_and_the_input(string call, string id, string message)
    {
        var process = LoadTyped(Diagram(Parameters), (inputs, data) =>
        {
            switch (call)
            {
                case "GetInput<double>(gross)": inputs.GetInput<double>("gross"); break;
                case "TryGetInput<int>(labels)": inputs.TryGetInput<int>("labels", out _); break;
                case "GetInput<decimal>(grosss)": inputs.GetInput<decimal>("grosss"); break;
                case "SetInput(gross, 1.5)": inputs.SetInput("gross", 1.5); break;
                default: inputs.SetInput("amount", 1m); break;
            }

            data.log.Add("went on");
        });

        var instance = await RunAsync(process, process.DataFromJson("""{"amount":5,"log":[]}"""), tokenEngine: true);

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Quote", instance.Failure!.NodeId);
        Assert.StartsWith(id + ": ", instance.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(message, instance.Failure.Message, StringComparison.Ordinal);
        var data = Data(instance);
        Assert.Equal("[]", data["log"]!.ToJsonString());
        Assert.Equal(0m, data["total"]!.GetValue<decimal>()); // no outputs written
    }

    [Theory]
    [InlineData("gross", "\"lots\"", "the value of input 'gross' is not decimal")]
    [InlineData("extra", "1", "the task has no input 'extra'")]
    public async Task A_json_handler_whose_input_change_does_not_fit_fails_the_task_and_changes_nothing(string input, string json, string reason)
    {
        var services = new ServiceCollection().AddFlowHandler("quote", (context, ct) =>
        {
            context.Data["note"] = "changed";
            context.Inputs[input] = JsonNode.Parse(json);
            return default;
        }).BuildServiceProvider();
        var process = Load(Diagram(Parameters, wait: true), services);

        var instance = await RunAsync(process, process.DataFromJson("""{"amount":5,"note":"process","log":[]}"""), tokenEngine: true);

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Quote", instance.Failure!.NodeId);
        Assert.StartsWith("FLOW6283: the JSON handler of task 'Quote' changed its inputs", instance.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, instance.Failure.Message, StringComparison.Ordinal);
        Assert.Equal("process", Data(instance)["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bound_multi_instance_task_sees_its_element_variable_and_inputs_evaluated_per_element()
    {
        var services = new ServiceCollection().AddFlowHandler("quote", (context, ct) =>
        {
            context.Data["log"]!.AsArray().Add(context.Inputs["item"]!.GetValue<string>() + " " + context.Inputs["label"]!.GetValue<string>());
            return default;
        }).BuildServiceProvider();
        var parameters = """<camunda:inputParameter name="label" flow:type="string">${item + "#" + loopCounter}</camunda:inputParameter>""";
        var process = Load(Diagram(parameters, loop: OverTags), services);

        var instance = await RunAsync(process, process.DataFromJson("""{"tags":["a","b"],"log":[]}"""), tokenEngine: true);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("""["a a#0","b b#1"]""", Data(instance)["log"]!.ToJsonString());
    }

    [Fact]
    public async Task A_bound_multi_instance_task_without_parameters_sees_its_element_typed_and_read_only()
    {
        var process = LoadTyped(NoParameters(Diagram("", loop: OverTags)), (inputs, data) =>
        {
            var item = inputs.GetInput<string>("item");
            var refused = Assert.Throws<FlowExecutionException>(() => inputs.SetInput("item", "x"));
            Assert.StartsWith("FLOW6282: input 'item' of task 'Quote' is the multi-instance element", refused.Message, StringComparison.Ordinal);
            data.log.Add(item);
        });

        var instance = await RunAsync(process, process.DataFromJson("""{"tags":["a","b","c"],"log":[]}"""), tokenEngine: true);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("""["a","b","c"]""", Data(instance)["log"]!.ToJsonString());
    }

    [Fact]
    public async Task A_bound_task_without_parameters_has_empty_inputs()
    {
        var process = LoadTyped(NoParameters(Diagram("")), (inputs, data) =>
        {
            Assert.Equal(0, inputs.Count);
            Assert.Empty(inputs.Names);
            var missing = Assert.Throws<FlowExecutionException>(() => inputs.GetInput<int>("x"));
            Assert.Equal("FLOW6280: task 'Quote' has no input 'x' (it has no inputs).", missing.Message);
            data.log.Add("ran");
        });

        var instance = await RunAsync(process, process.DataFromJson("""{"log":[]}"""), tokenEngine: false);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("""["ran"]""", Data(instance)["log"]!.ToJsonString());
    }

    private static string NoParameters(string bpmn) =>
        bpmn.Replace("<camunda:inputOutput>", "", StringComparison.Ordinal).Replace("</camunda:inputOutput>", "", StringComparison.Ordinal);
}

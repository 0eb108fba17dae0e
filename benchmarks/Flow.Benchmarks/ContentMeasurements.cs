using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flow.Compilation;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Benchmarks;

/// <summary>
/// Content deployment (Flow.Runtime.Compilation): time from a diagram's text submitted to the first
/// order served on the new version, cold (the first compilation in the process: Roslyn and the
/// references load and JIT) and warm (alternating rules, each a new version), and the working set
/// over 500 content deploys (old versions unload).
/// </summary>
internal static class ContentMeasurements
{
    public static async Task TimeToServeAsync(TextWriter output, int samples = 30, int memoryDeploys = 500)
    {
        var services = new ServiceCollection();
        foreach (var name in new[] { "checkStock", "sendInvoice", "scheduleShipment" })
        {
            services.AddFlowHandler(name, (context, _) => { context.Data["inStock"] = true; return default; });
        }

        var registry = new DeploymentRegistry { HandlerServices = services.BuildServiceProvider() };
        var engine = new FlowEngine(registry, new InMemoryInstanceStore());
        var deployer = new ContentDeployer(registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromMinutes(5) });   // measures, does not limit: a loaded machine compiles slowly

        var (cold, coldCpu) = await ServeAsync(deployer, engine, Order(1000));
        var warm = new List<double>();
        var warmCpu = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var (wall, cpu) = await ServeAsync(deployer, engine, Order(i % 2 == 0 ? 2000 : 1000));
            warm.Add(wall);
            warmCpu.Add(cpu);
        }

        warm.Sort();
        warmCpu.Sort();
        output.WriteLine($"content to serving, order process ({Environment.ProcessorCount} cores):");
        output.WriteLine($"  cold (first in process): {cold:0} ms (CPU {coldCpu:0} ms)");
        output.WriteLine($"  warm ({samples} deploys): median {warm[warm.Count / 2]:0} ms, p90 {warm[(int)(warm.Count * 0.9)]:0} ms, min {warm[0]:0} ms, max {warm[^1]:0} ms");
        output.WriteLine($"  warm CPU time of the process per deploy (all threads; on a loaded machine the wall time above is mostly waiting for a core): median {warmCpu[warmCpu.Count / 2]:0} ms, min {warmCpu[0]:0} ms, max {warmCpu[^1]:0} ms");

        var memory = new List<(int Deploys, double Mb)>();
        for (var i = 1; i <= memoryDeploys; i++)
        {
            await deployer.DeployAsync("order", Order(i % 2 == 0 ? 2000 : 1000));
            if (i % 100 == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                memory.Add((i, GC.GetTotalMemory(forceFullCollection: true) / 1048576.0));
            }
        }

        if (memoryDeploys == 0)
        {
            return;
        }

        output.WriteLine($"  managed heap after N more content deploys (alternating versions): {string.Join(", ", memory.Select(m => $"{m.Deploys}: {m.Mb:0.0} MB"))}");
        output.WriteLine($"  versions still loaded: {registry.Versions.Count(v => !v.IsUnloaded)}");
    }

    private static async Task<(double Wall, double Cpu)> ServeAsync(ContentDeployer deployer, FlowEngine engine, string text)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var version = await deployer.DeployAsync("order", text);
        var started = await engine.StartAsync("order", """{"customer":"Ann","sku":"lamp","amount":250}""");
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (started.DeploymentVersion != version.Version || started.Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException($"v{version.Version} did not serve: {started.Status} on v{started.DeploymentVersion}");
        }

        process.Refresh();
        return (elapsed, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    /// <summary>The order process of samples/Shop.Flows as content: bound handlers, a rule, scripts, a parallel fork.</summary>
    private static string Order(int autoApproveLimit) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="customer" type="string" />
              <flow:variable name="sku" type="string" />
              <flow:variable name="amount" type="decimal" />
              <flow:variable name="inStock" type="bool" />
              <flow:variable name="approved" type="bool" />
              <flow:variable name="reviewer" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start_OrderReceived" />
            <bpmn:serviceTask id="Task_CheckStock" name="Check stock" flow:handler="checkStock" />
            <bpmn:exclusiveGateway id="Gateway_InStock" default="Flow_OutOfStock" />
            <bpmn:exclusiveGateway id="Gateway_Amount" default="Flow_Manual" />
            <bpmn:scriptTask id="Task_AutoApprove" scriptFormat="csharp"><bpmn:script>approved = true; reviewer = "auto";</bpmn:script></bpmn:scriptTask>
            <bpmn:scriptTask id="Task_ManualApprove" scriptFormat="csharp"><bpmn:script>approved = amount &lt; 100000m; reviewer = "policy";</bpmn:script></bpmn:scriptTask>
            <bpmn:exclusiveGateway id="Gateway_Decided" />
            <bpmn:exclusiveGateway id="Gateway_Approved" default="Flow_Rejected" />
            <bpmn:parallelGateway id="Gateway_Fork" />
            <bpmn:sendTask id="Task_Invoice" name="Send invoice" flow:handler="sendInvoice" />
            <bpmn:serviceTask id="Task_Shipment" name="Schedule shipment" flow:handler="scheduleShipment" />
            <bpmn:parallelGateway id="Gateway_Join" />
            <bpmn:endEvent id="End_OrderCompleted" />
            <bpmn:endEvent id="End_Rejected" />
            <bpmn:endEvent id="End_OutOfStock" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start_OrderReceived" targetRef="Task_CheckStock" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_CheckStock" targetRef="Gateway_InStock" />
            <bpmn:sequenceFlow id="Flow_InStock" sourceRef="Gateway_InStock" targetRef="Gateway_Amount"><bpmn:conditionExpression>${inStock}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_OutOfStock" sourceRef="Gateway_InStock" targetRef="End_OutOfStock" />
            <bpmn:sequenceFlow id="Flow_Auto" sourceRef="Gateway_Amount" targetRef="Task_AutoApprove"><bpmn:conditionExpression>amount &lt;= {{autoApproveLimit}}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_Manual" sourceRef="Gateway_Amount" targetRef="Task_ManualApprove" />
            <bpmn:sequenceFlow id="F5" sourceRef="Task_AutoApprove" targetRef="Gateway_Decided" />
            <bpmn:sequenceFlow id="F6" sourceRef="Task_ManualApprove" targetRef="Gateway_Decided" />
            <bpmn:sequenceFlow id="F7" sourceRef="Gateway_Decided" targetRef="Gateway_Approved" />
            <bpmn:sequenceFlow id="Flow_Approved" sourceRef="Gateway_Approved" targetRef="Gateway_Fork"><bpmn:conditionExpression>approved</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_Rejected" sourceRef="Gateway_Approved" targetRef="End_Rejected" />
            <bpmn:sequenceFlow id="F8" sourceRef="Gateway_Fork" targetRef="Task_Invoice" />
            <bpmn:sequenceFlow id="F9" sourceRef="Gateway_Fork" targetRef="Task_Shipment" />
            <bpmn:sequenceFlow id="F10" sourceRef="Task_Invoice" targetRef="Gateway_Join" />
            <bpmn:sequenceFlow id="F11" sourceRef="Task_Shipment" targetRef="Gateway_Join" />
            <bpmn:sequenceFlow id="F12" sourceRef="Gateway_Join" targetRef="End_OrderCompleted" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}

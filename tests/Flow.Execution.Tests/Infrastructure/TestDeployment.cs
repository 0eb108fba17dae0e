using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text.Json;
using Flow.Deployment;

namespace Flow.Execution.Tests.Infrastructure;

/// <summary>
/// Writes deployment folders for runtime tests: a compiled flow assembly plus a manifest with
/// the same fields the build task writes (processes read from the assembly's metadata).
/// </summary>
internal static class TestDeployment
{
    public const string Name = "Shop.Flows";

    /// <summary>The order flow: a service task that records <paramref name="marker"/>, a user task, an end.</summary>
    public static string OrderBpmn(string reviewId = "Review", string extraTask = "", string key = "order") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="{key}" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:userTask id="{reviewId}" />
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />{extraTask}
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="{reviewId}" />
            <bpmn:sequenceFlow id="F3" sourceRef="{reviewId}" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F4" sourceRef="MarkAgain" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Handlers that add <paramref name="marker"/> to data.marks (and use JSON and exceptions, which must not pin the version).</summary>
    public static string Handlers(string marker) => $$"""
        namespace {{Name}} {
            public partial class OrderProcess {
                private partial System.Threading.Tasks.ValueTask Mark(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    (c.Data.marks ??= new()).Add("{{marker}}");
                    _ = System.Text.Json.JsonSerializer.Serialize(new Probe { Marker = "{{marker}}" });
                    try { throw new System.InvalidOperationException("{{marker}}"); } catch (System.InvalidOperationException) { }
                    return default;
                }
                private partial System.Threading.Tasks.ValueTask MarkAgain(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    (c.Data.marks ??= new()).Add("{{marker}}");
                    return default;
                }
            }
            public sealed class Probe { public string Marker { get; set; } = ""; }
        }
        """;

    /// <summary>Compiles once; write the bytes into as many folders as needed.</summary>
    public static byte[] Compile(string marker, string? bpmn = null) =>
        FlowAssembly.Emit(Name, new[] { ("/flows/order.bpmn", bpmn ?? OrderBpmn()) }, Array.Empty<string>(), Handlers(marker));

    /// <summary>Writes a deployment folder: the assembly first, the manifest last.</summary>
    public static string Write(string root, int version, byte[] assembly, ManifestSettings? settings = null, string? folderName = null, string name = Name, string? tenant = null)
    {
        var folder = Path.Combine(root, folderName ?? (tenant is null ? $"{name}-v{version}" : $"{tenant}-{name}-v{version}"));
        Directory.CreateDirectory(folder);
        var file = Name + ".dll";
        File.WriteAllBytes(Path.Combine(folder, file), assembly);
        var manifest = new DeploymentManifest
        {
            SchemaVersion = DeploymentManifest.SupportedSchemaVersion,
            Name = name,
            Tenant = tenant,
            Version = version,
            Assembly = file,
            Processes = ReadProcesses(assembly),
            Files = { new ManifestFile { Path = file, Size = assembly.Length, Sha256 = Convert.ToHexString(SHA256.HashData(assembly)).ToLowerInvariant() } },
            Settings = settings ?? new ManifestSettings(),
        };
        File.WriteAllText(Path.Combine(folder, DeploymentManifest.FileName), JsonSerializer.Serialize(manifest));
        return folder;
    }

    /// <summary>[FlowProcess] attributes, read from metadata as the build task does.</summary>
    private static List<ManifestProcess> ReadProcesses(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var reader = pe.GetMetadataReader();
        var processes = new List<ManifestProcess>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            foreach (var attributeHandle in type.GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(attributeHandle);
                var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                var attributeType = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
                if (reader.GetString(attributeType.Name) != "FlowProcessAttribute")
                {
                    continue;
                }

                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16();
                var args = Enumerable.Range(0, 5).Select(_ => blob.ReadSerializedString()).ToArray();
                processes.Add(new ManifestProcess
                {
                    Key = args[0]!, Name = args[1], DefinitionHash = args[2]!, File = args[3], SourceHash = args[4], Version = 1,
                    Type = reader.GetString(type.Namespace) + "." + reader.GetString(type.Name),
                });
            }
        }

        return processes;
    }
}

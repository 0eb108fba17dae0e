using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Flow.Build.Tasks.Versioning;

namespace Flow.Build.Tasks.Assembly;

/// <summary>
/// Finds the process classes of a flow assembly by their <c>[Flow.FlowProcess(key, name,
/// definitionHash, sourceFile, sourceHash)]</c> attribute, reading metadata only: the
/// assembly is never loaded, so nothing is locked or executed inside MSBuild.
/// </summary>
public static class FlowProcessReader
{
    private const string AttributeNamespace = "Flow";
    private const string AttributeName = "FlowProcessAttribute";

    public static IReadOnlyList<ProcessFacts> Read(string assemblyPath)
    {
        using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("the file has no .NET metadata");
        }

        var reader = pe.GetMetadataReader();
        var processes = new List<ProcessFacts>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            foreach (var attributeHandle in type.GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(attributeHandle);
                if (IsFlowProcessAttribute(reader, attribute))
                {
                    processes.Add(Decode(reader, attribute, FullName(reader, type)));
                }
            }
        }

        return processes.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
    }

    private static bool IsFlowProcessAttribute(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle owner;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                owner = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                break;
            case HandleKind.MethodDefinition:
                owner = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                break;
            default:
                return false;
        }

        return owner.Kind switch
        {
            HandleKind.TypeReference => Is(reader, reader.GetTypeReference((TypeReferenceHandle)owner).Namespace, reader.GetTypeReference((TypeReferenceHandle)owner).Name),
            HandleKind.TypeDefinition => Is(reader, reader.GetTypeDefinition((TypeDefinitionHandle)owner).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)owner).Name),
            _ => false,
        };
    }

    private static bool Is(MetadataReader reader, StringHandle ns, StringHandle name) =>
        reader.StringComparer.Equals(ns, AttributeNamespace) && reader.StringComparer.Equals(name, AttributeName);

    /// <summary>The blob is ECMA-335 II.23.3: prolog 0x0001, then five SerStrings (null as 0xFF).</summary>
    private static ProcessFacts Decode(MetadataReader reader, CustomAttribute attribute, string typeName)
    {
        var blob = reader.GetBlobReader(attribute.Value);
        if (blob.ReadUInt16() != 1)
        {
            throw new BadImageFormatException("a [FlowProcess] attribute on '" + typeName + "' has an invalid blob");
        }

        string Required(string what) =>
            blob.ReadSerializedString() ?? throw new BadImageFormatException("the [FlowProcess] attribute on '" + typeName + "' has no " + what);

        var key = Required("key");
        var name = blob.ReadSerializedString();
        return new ProcessFacts(key, name, typeName, Required("definition hash"), Required("source file"), Required("source hash"));
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(reader, reader.GetTypeDefinition(declaring)) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}

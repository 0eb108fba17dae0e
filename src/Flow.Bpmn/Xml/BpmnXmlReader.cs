using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Xml;

/// <summary>
/// Reads BPMN 2.0 XML into the model, keeping what the model holds (processes, flow nodes and
/// flows, event definitions, loop characteristics, compensation handlers and the associations
/// between flow nodes, messages, signals, errors, escalations, flow: declarations, camunda:in/out
/// and camunda:inputOutput with text values, extension attributes) and leaving out the rest
/// (diagram, lanes, collaborations, data, other artifacts, other extension elements). The XML is read without DTDs and without a resolver:
/// no entity is expanded and nothing external is fetched.
/// </summary>
public static class BpmnXmlReader
{
    /// <summary>Largest text accepted, in characters (as Flow.Compiler).</summary>
    public const int MaxCharacters = 16 * 1024 * 1024;

    public static BpmnDefinitions Read(string xml)
    {
        if (xml is null)
        {
            throw new ArgumentNullException(nameof(xml));
        }

        try
        {
            return Read(new StringReader(xml));
        }
        catch (BpmnModelException ex) when (ex.ErrorId == BpmnErrors.MalformedXml && xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal) is var at && at >= 0
            && at < xml.IndexOf("definitions", StringComparison.Ordinal))
        {
            // The parser reports a prohibited DTD with a localised message and no position.
            var line = 1 + xml.Substring(0, at).Count(c => c == '\n');
            throw new BpmnModelException(BpmnErrors.MalformedXml, $"The BPMN text has a DTD (<!DOCTYPE> at line {line}); DTDs are refused, so no entity is ever expanded.", ex);
        }
    }

    public static BpmnDefinitions Read(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        return Read(new StreamReader(stream));
    }

    private static BpmnDefinitions Read(TextReader text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(text, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new BpmnModelException(BpmnErrors.MalformedXml, $"The BPMN text is not well-formed XML or has a DTD (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }

        var root = document.Root!;
        XNamespace ns = root.Name.NamespaceName;
        if (root.Name.LocalName != "definitions" || !(ns == BpmnXmlNames.Bpmn || Array.IndexOf(BpmnXmlNames.DraftBpmn, ns.NamespaceName) >= 0))
        {
            throw new BpmnModelException(BpmnErrors.NotBpmn, $"The root element is <{root.Name.LocalName}> in '{ns.NamespaceName}', not BPMN 2.0 <definitions> in '{BpmnXmlNames.Bpmn}'.");
        }

        return new DocumentReader(ns).ReadDefinitions(root);
    }

    private sealed class DocumentReader
    {
        private readonly XNamespace _ns;
        private readonly HashSet<string> _flowIds = new(StringComparer.Ordinal);

        public DocumentReader(XNamespace ns) => _ns = ns;

        public BpmnDefinitions ReadDefinitions(XElement root)
        {
            var definitions = At(root, () => Attr(root, "id") is { } id ? new BpmnDefinitions(id) : new BpmnDefinitions());
            if (Attr(root, "targetNamespace") is { } targetNamespace)
            {
                definitions.TargetNamespace = targetNamespace;
            }

            ReadExtensionAttributes(root, definitions);
            foreach (var id in root.Descendants(_ns + "sequenceFlow").Select(f => Attr(f, "id")).Where(id => id is not null))
            {
                _flowIds.Add(id!);
            }

            foreach (var element in root.Elements().Where(e => e.Name.Namespace == _ns))
            {
                var kind = element.Name.LocalName switch
                {
                    "message" => BpmnRootElementKind.Message,
                    "signal" => BpmnRootElementKind.Signal,
                    "error" => BpmnRootElementKind.Error,
                    "escalation" => BpmnRootElementKind.Escalation,
                    _ => (BpmnRootElementKind?)null,
                };
                if (kind is { } k && Attr(element, "id") is { } id)
                {
                    var global = At(element, () => new BpmnRootElement(id, k) { Name = Attr(element, "name") });
                    global.Code = Attr(element, k == BpmnRootElementKind.Error ? "errorCode" : "escalationCode");
                    ReadExtensionAttributes(element, global);
                    global.Outputs.AddRange(Declarations(element, "output"));
                    definitions.RootElements.Add(global);
                }
                else if (element.Name.LocalName == "process" && Attr(element, "id") is { } processId)
                {
                    definitions.Processes.Add(ReadProcess(element, processId));
                }
            }

            return definitions;
        }

        private BpmnProcess ReadProcess(XElement element, string id)
        {
            var process = At(element, () => new BpmnProcess(id) { Name = Attr(element, "name") });

            // Camunda 7 and Flow.Compiler take a process without the attribute as executable.
            process.IsExecutable = Attr(element, "isExecutable") is not { } flag || flag is "true" or "1";
            ReadExtensionAttributes(element, process);
            process.Variables.AddRange(Declarations(element, "variable"));
            ReadScope(element, process);
            return process;
        }

        private void ReadScope(XElement container, IBpmnScope scope)
        {
            var associations = new List<BpmnAssociation>();
            foreach (var child in container.Elements().Where(e => e.Name.Namespace == _ns))
            {
                if (BpmnNodeKinds.TryParse(child.Name.LocalName, out var kind) && Attr(child, "id") is { } id)
                {
                    scope.FlowNodes.Add(ReadNode(child, kind, id));
                }
                else if (child.Name.LocalName == "implicitThrowEvent" && Attr(child, "id") is { } throwId)
                {
                    scope.FlowNodes.Add(ReadNode(child, BpmnNodeKind.IntermediateThrowEvent, throwId));
                }
                else if (child.Name.LocalName == "sequenceFlow" && Attr(child, "sourceRef") is { } source && Attr(child, "targetRef") is { } target)
                {
                    scope.SequenceFlows.Add(ReadFlow(child, source, target));
                }
                else if (child.Name.LocalName == "association" && Attr(child, "id") is { } associationId
                    && Attr(child, "sourceRef") is { } from && Attr(child, "targetRef") is { } to)
                {
                    var association = At(child, () => new BpmnAssociation(associationId, from, to) { Direction = Attr(child, "associationDirection") });
                    ReadExtensionAttributes(child, association);
                    associations.Add(association);
                }
            }

            // Only associations between flow nodes of the scope: those to text annotations and data are left out, as the artifacts are.
            var nodeIds = new HashSet<string>(scope.FlowNodes.Select(n => n.Id), StringComparer.Ordinal);
            scope.Associations.AddRange(associations.Where(a => nodeIds.Contains(a.SourceRef) && nodeIds.Contains(a.TargetRef)));
        }

        private BpmnFlowNode ReadNode(XElement element, BpmnNodeKind kind, string id)
        {
            var node = At(element, () => new BpmnFlowNode(id, kind) { Name = Attr(element, "name") });
            node.AttachedToRef = kind == BpmnNodeKind.BoundaryEvent ? Attr(element, "attachedToRef") : null;
            node.CancelActivity = kind != BpmnNodeKind.BoundaryEvent || Attr(element, "cancelActivity") is not ("false" or "0");
            node.IsInterrupting = kind != BpmnNodeKind.StartEvent || Attr(element, "isInterrupting") is not ("false" or "0");
            node.TriggeredByEvent = kind.IsContainer() && Attr(element, "triggeredByEvent") is "true" or "1";
            node.DefaultFlow = Attr(element, "default");
            node.MessageRef = kind is BpmnNodeKind.SendTask or BpmnNodeKind.ReceiveTask ? Attr(element, "messageRef") : null;
            node.CalledElement = kind == BpmnNodeKind.CallActivity ? Attr(element, "calledElement") : null;
            node.IsForCompensation = kind.IsActivity() && Attr(element, "isForCompensation") is "true" or "1";
            if (kind == BpmnNodeKind.ScriptTask)
            {
                node.ScriptFormat = Attr(element, "scriptFormat");
                node.Script = element.Element(_ns + "script")?.Value;
            }

            ReadExtensionAttributes(element, node);
            node.Outputs.AddRange(Declarations(element, "output"));
            ReadCamundaElements(element, node);
            foreach (var child in element.Elements().Where(e => e.Name.Namespace == _ns))
            {
                if (ReadEventDefinition(child) is { } definition)
                {
                    node.EventDefinitions.Add(definition);
                }
                else if (kind.IsActivity() && child.Name.LocalName is "multiInstanceLoopCharacteristics" or "standardLoopCharacteristics")
                {
                    node.Loop = ReadLoop(child);
                }
            }

            if (kind.IsContainer())
            {
                ReadScope(element, node);
            }

            return node;
        }

        /// <summary>camunda:inputOutput (text, list, map and script values, flow:type), camunda:in / camunda:out and camunda:failedJobRetryTimeCycle.</summary>
        private void ReadCamundaElements(XElement element, BpmnFlowNode node)
        {
            XNamespace camunda = BpmnXmlNames.Camunda;
            foreach (var extension in element.Elements(_ns + "extensionElements").SelectMany(e => e.Elements()).Where(e => e.Name.Namespace == camunda))
            {
                if (extension.Name.LocalName == "inputOutput")
                {
                    foreach (var parameter in extension.Elements().Where(p => p.Attribute("name") is not null))
                    {
                        var target = parameter.Name == camunda + "inputParameter" ? node.InputParameters
                            : parameter.Name == camunda + "outputParameter" ? node.OutputParameters : null;
                        var type = parameter.Attribute(XName.Get("type", BpmnXmlNames.Flow))?.Value;
                        target?.Add(new BpmnParameter(parameter.Attribute("name")!.Value, ParameterValue(parameter), type));
                    }
                }
                else if (extension.Name.LocalName == "failedJobRetryTimeCycle")
                {
                    node.FailedJobRetryTimeCycle = extension.Value;
                }
                else if (extension.Name.LocalName is "in" or "out")
                {
                    node.CallMappings.Add(new BpmnCallMapping(extension.Name.LocalName == "in" ? BpmnCallMappingDirection.In : BpmnCallMappingDirection.Out)
                    {
                        Source = extension.Attribute("source")?.Value,
                        SourceExpression = extension.Attribute("sourceExpression")?.Value,
                        Target = extension.Attribute("target")?.Value,
                        AllVariables = extension.Attribute("variables")?.Value.Trim() == "all",
                        Local = extension.Attribute("local")?.Value.Trim() is "true" or "1",
                        BusinessKey = extension.Attribute("businessKey")?.Value,
                    });
                }
            }
        }

        /// <summary>What a parameter, list value or map entry holds: its child list / map / script (any other element is read as a script of that name, as the compiler does), else its text.</summary>
        private static BpmnParameterValue ParameterValue(XElement holder) =>
            holder.Elements().FirstOrDefault() is { } child ? StructuredValue(child) : BpmnParameterValue.FromText(holder.Value);

        private static BpmnParameterValue StructuredValue(XElement element) => element.Name.LocalName switch
        {
            "list" => BpmnParameterValue.List(element.Elements().Select(e => e.Name.LocalName == "value" ? ParameterValue(e) : StructuredValue(e))),
            "map" => BpmnParameterValue.Map(element.Elements().Where(e => e.Name.LocalName == "entry")
                .Select(e => new KeyValuePair<string, BpmnParameterValue>(e.Attribute("key")?.Value ?? "", ParameterValue(e)))),
            "script" => BpmnParameterValue.Script(element.Attribute("scriptFormat")?.Value, element.Value, element.Attribute("resource")?.Value),
            _ => BpmnParameterValue.Script(element.Name.LocalName, element.Value),
        };

        private BpmnLoopCharacteristics ReadLoop(XElement element)
        {
            var loop = At(element, () => new BpmnLoopCharacteristics(element.Name.LocalName == "multiInstanceLoopCharacteristics") { Id = Attr(element, "id") });
            loop.IsSequential = Attr(element, "isSequential") is "true" or "1";
            loop.TestBefore = Attr(element, "testBefore") is "true" or "1";
            loop.LoopMaximum = Attr(element, "loopMaximum");
            loop.Cardinality = element.Element(_ns + "loopCardinality")?.Value;
            loop.CompletionCondition = element.Element(_ns + "completionCondition")?.Value;
            loop.LoopCondition = element.Element(_ns + "loopCondition")?.Value ?? Attr(element, "loopCondition");
            foreach (var attribute in element.Attributes())
            {
                var ns = attribute.Name.NamespaceName;
                if (ns.Length > 0 && !attribute.IsNamespaceDeclaration && !BpmnXmlNames.IsReserved(ns) && BpmnIds.IsNCName(attribute.Name.LocalName))
                {
                    loop.ExtensionAttributes.Add(new ExtensionAttribute(ns, attribute.Name.LocalName, attribute.Value));
                }
            }

            return loop;
        }

        private BpmnEventDefinition? ReadEventDefinition(XElement element)
        {
            var local = element.Name.LocalName;
            if (!local.EndsWith("EventDefinition", StringComparison.Ordinal))
            {
                return null;
            }

            var name = local.Substring(0, local.Length - "EventDefinition".Length);
            if (name.Length == 0 || !Enum.TryParse<BpmnEventDefinitionKind>(char.ToUpperInvariant(name[0]) + name.Substring(1), out var kind)
                || !Enum.IsDefined(typeof(BpmnEventDefinitionKind), kind) || char.IsDigit(name[0]))
            {
                return null;
            }

            var definition = new BpmnEventDefinition(kind)
            {
                Reference = Attr(element, "messageRef") ?? Attr(element, "signalRef") ?? Attr(element, "errorRef") ?? Attr(element, "escalationRef") ?? Attr(element, "activityRef"),
                LinkName = kind == BpmnEventDefinitionKind.Link ? Attr(element, "name") : null,
            };
            foreach (var (child, timerKind) in new[] { ("timeDuration", BpmnTimerKind.Duration), ("timeDate", BpmnTimerKind.Date), ("timeCycle", BpmnTimerKind.Cycle) })
            {
                if (element.Element(_ns + child) is { } timer)
                {
                    definition.TimerKind = timerKind;
                    definition.TimerValue = timer.Value;
                    break;
                }
            }

            if (element.Element(_ns + "condition") is { } condition)
            {
                definition.Condition = condition.Value;
                definition.ConditionLanguage = Attr(condition, "language");
            }

            return definition;
        }

        private BpmnSequenceFlow ReadFlow(XElement element, string source, string target)
        {
            // The schema makes a flow's id optional; one without gets Flow.Compiler's generated id.
            var id = Attr(element, "id") ?? GeneratedFlowId(source, target);
            var flow = At(element, () => new BpmnSequenceFlow(id, source, target) { Name = Attr(element, "name") });
            ReadExtensionAttributes(element, flow);
            if (element.Element(_ns + "conditionExpression") is { } condition)
            {
                flow.ConditionExpression = condition.Value;
                flow.ConditionLanguage = Attr(condition, "language");
            }

            return flow;
        }

        private string GeneratedFlowId(string source, string target)
        {
            var id = "Flow_" + source + "_" + target;
            for (var n = 2; !_flowIds.Add(id); n++)
            {
                id = "Flow_" + source + "_" + target + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return id;
        }

        private IEnumerable<BpmnVariable> Declarations(XElement element, string localName) =>
            element.Elements(_ns + "extensionElements")
                .SelectMany(e => e.Descendants(XName.Get(localName, BpmnXmlNames.Flow)))
                .Select(v => new BpmnVariable(v.Attribute("name")?.Value.Trim() ?? "", string.IsNullOrWhiteSpace(v.Attribute("type")?.Value) ? null : v.Attribute("type")!.Value.Trim()));

        private static void ReadExtensionAttributes(XElement element, BpmnElement target)
        {
            foreach (var attribute in element.Attributes())
            {
                var ns = attribute.Name.NamespaceName;
                if (ns.Length > 0 && !attribute.IsNamespaceDeclaration && !BpmnXmlNames.IsReserved(ns) && BpmnIds.IsNCName(attribute.Name.LocalName))
                {
                    target.ExtensionAttributes.Add(new ExtensionAttribute(ns, attribute.Name.LocalName, attribute.Value));
                }
            }
        }

        /// <summary>Creates an element, naming the line of the XML when its id is refused.</summary>
        private static T At<T>(XElement element, Func<T> create)
        {
            try
            {
                return create();
            }
            catch (BpmnModelException ex)
            {
                var line = (IXmlLineInfo)element;
                throw new BpmnModelException(ex.ErrorId, $"<{element.Name.LocalName}> at line {line.LineNumber}, position {line.LinePosition}: " + ex.Message.Substring(ex.ErrorId.Length + 2), ex);
            }
        }

        private static string? Attr(XElement element, string name)
        {
            var value = element.Attribute(name)?.Value;
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }
    }
}

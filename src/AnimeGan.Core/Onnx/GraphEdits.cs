using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>
    /// The bookkeeping every graph pass needs: who produces and who consumes a value, rewiring the users of one
    /// value to another, and dropping what no output depends on any more. Passes only add nodes and rewire;
    /// <see cref="Prune"/> and <see cref="SortTopologically"/> leave a valid graph behind them.
    /// </summary>
    internal sealed class GraphEdits
    {
        private readonly GraphProto _graph;
        private Dictionary<string, NodeProto> _producers = new Dictionary<string, NodeProto>();
        private Dictionary<string, List<NodeProto>> _consumers = new Dictionary<string, List<NodeProto>>();

        public GraphEdits(GraphProto graph)
        {
            _graph = Throw.IfNull(graph);
            Reindex();
        }

        public GraphProto Graph => _graph;

        /// <summary>Rebuilds the producer and consumer maps after nodes were added or rewired.</summary>
        public void Reindex()
        {
            _producers = new Dictionary<string, NodeProto>();
            _consumers = new Dictionary<string, List<NodeProto>>();
            foreach (var node in _graph.Node)
            {
                foreach (var output in node.Output)
                    _producers[output] = node;
                foreach (var input in node.Input.Where(i => i.Length > 0))
                {
                    if (!_consumers.TryGetValue(input, out var list))
                        _consumers[input] = list = new List<NodeProto>();
                    list.Add(node);
                }
            }
        }

        /// <summary>Gets the node that produces a value, whatever it is; null for a graph input or an initializer.</summary>
        public NodeProto? Producer(string value) => _producers.TryGetValue(value, out var node) ? node : null;

        /// <summary>Gets the node that produces a value, when it is the given operator (default domain).</summary>
        public NodeProto? Producer(string value, string opType)
            => _producers.TryGetValue(value, out var node) && node.OpType == opType && OnnxDomain.IsDefault(node) ? node : null;

        /// <summary>Gets the nodes that read a value.</summary>
        public IReadOnlyList<NodeProto> Consumers(string value)
            => _consumers.TryGetValue(value, out var list) ? list : (IReadOnlyList<NodeProto>)new List<NodeProto>();

        /// <summary>Gets the only node that reads a value, when it is the given operator and the value is not a graph output.</summary>
        public NodeProto? SoleConsumer(string value, string opType)
        {
            var consumers = Consumers(value);
            return consumers.Count == 1 && consumers[0].OpType == opType && OnnxDomain.IsDefault(consumers[0]) && !IsGraphOutput(value) ? consumers[0] : null;
        }

        public bool IsGraphOutput(string value) => _graph.Output.Any(o => o.Name == value);

        public TensorProto? Initializer(string name) => _graph.Initializer.FirstOrDefault(t => t.Name == name);

        /// <summary>Makes every reader of <paramref name="from"/> read <paramref name="to"/> instead.</summary>
        public void Rewire(string from, string to)
        {
            foreach (var node in Consumers(from).ToList())
            {
                for (var i = 0; i < node.Input.Count; i++)
                {
                    if (node.Input[i] == from)
                        node.Input[i] = to;
                }
            }

            Reindex();
        }

        /// <summary>Gets a value name not used anywhere in the graph yet.</summary>
        public string FreshName(string stem)
        {
            var taken = new HashSet<string>(_graph.Node.SelectMany(n => n.Output).Concat(_graph.Initializer.Select(t => t.Name)).Concat(_graph.Input.Select(i => i.Name)));
            var name = stem;
            for (var i = 1; taken.Contains(name); i++)
                name = stem + "_" + i;
            return name;
        }

        /// <summary>Removes nodes no graph output depends on, then initializers and value infos nothing reads; the nodes must be in topological order.</summary>
        public void Prune()
        {
            var needed = new HashSet<string>(_graph.Output.Select(o => o.Name));
            var kept = new List<NodeProto>();
            foreach (var node in _graph.Node.Reverse())
            {
                if (!node.Output.Any(needed.Contains))
                    continue;
                kept.Add(node);
                foreach (var input in node.Input)
                    needed.Add(input);
            }

            kept.Reverse();
            _graph.Node.Clear();
            _graph.Node.AddRange(kept);
            var unusedInitializers = _graph.Initializer.Where(t => !needed.Contains(t.Name)).ToList();
            foreach (var tensor in unusedInitializers)
                _graph.Initializer.Remove(tensor);
            var produced = new HashSet<string>(kept.SelectMany(n => n.Output));
            foreach (var info in _graph.ValueInfo.Where(v => !produced.Contains(v.Name)).ToList())
                _graph.ValueInfo.Remove(info);
            Reindex();
        }

        /// <summary>Orders nodes so each comes after the producers of its inputs (ONNX requires it).</summary>
        public void SortTopologically()
        {
            var available = new HashSet<string>(_graph.Initializer.Select(t => t.Name).Concat(_graph.Input.Select(i => i.Name))) { string.Empty };
            var pending = _graph.Node.ToList();
            var ordered = new List<NodeProto>(pending.Count);
            while (pending.Count > 0)
            {
                var ready = pending.Where(n => n.Input.All(available.Contains)).ToList();
                if (ready.Count == 0)
                    throw new System.InvalidOperationException($"The graph has a cycle or a missing value at node '{pending[0].Name}' ({pending[0].OpType}).");
                foreach (var node in ready)
                {
                    ordered.Add(node);
                    foreach (var output in node.Output)
                        available.Add(output);
                }

                pending = pending.Except(ready).ToList();
            }

            _graph.Node.Clear();
            _graph.Node.AddRange(ordered);
            Reindex();
        }

        /// <summary>Adds a node in the default domain.</summary>
        public NodeProto Add(string opType, string name, string output, params string[] inputs)
        {
            var node = new NodeProto { OpType = opType, Name = name };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            _graph.Node.Add(node);
            return node;
        }
    }
}

using YamlDotNet.RepresentationModel;

namespace AnimeGan.Release.Tests
{
    /// <summary>
    /// deploy/kubernetes checked offline: no cluster and no Kubernetes schema validator is reachable here, so
    /// the files are parsed and the fields that make them work are checked against the program they run.
    /// </summary>
    public class TheKubernetesFiles
    {
        private static readonly string Folder = Path.Combine(ReleaseFolder.Repository, "deploy", "kubernetes");

        [Fact]
        public void ShouldParseIntoObjectsThatEachNameTheirApiAndKind()
        {
            var documents = Documents().ToList();

            Assert.Equal(
                new[] { "Deployment", "HorizontalPodAutoscaler", "Ingress", "Job", "PersistentVolumeClaim", "PodDisruptionBudget", "Service" },
                documents.Select(d => Text(d, "kind")).OrderBy(k => k, StringComparer.Ordinal));
            Assert.All(documents, d => Assert.False(string.IsNullOrEmpty(Text(d, "apiVersion"))));
            Assert.All(documents, d => Assert.False(string.IsNullOrEmpty(Text(d, "metadata", "name"))));
        }

        [Fact]
        public void ShouldLoadStrictlyIntoKubernetesOwnObjectModel()
        {
            // The schema check offline: every field must be one Kubernetes' API types know, with a value of its type
            // (a misspelt or misplaced field throws here, as kubectl's server-side validation would refuse it).
            var loaded = Directory.GetFiles(Folder, "*.yaml")
                .SelectMany(file => k8s.KubernetesYaml.LoadAllFromString(File.ReadAllText(file), null, strict: true))
                .Select(o => o.GetType().Name)
                .OrderBy(n => n, StringComparer.Ordinal);

            Assert.Equal(new[] { "V1Deployment", "V1Ingress", "V1Job", "V1PersistentVolumeClaim", "V1PodDisruptionBudget", "V1Service", "V2HorizontalPodAutoscaler" }, loaded);
        }

        [Fact]
        public void ShouldRunTheBatchAsAnIndexedJobWithOneShardPerCompletionOnTheSharedVolume()
        {
            var job = Kind("Job");
            var pod = Node(job, "spec", "template", "spec");
            var container = Sequence(pod, "containers").Single();
            var args = Scalars(container, "args");

            Assert.Equal("Indexed", Text(job, "spec", "completionMode"));
            Assert.Equal(Text(job, "spec", "completions"), args[args.IndexOf("--shard-count") + 1]);
            Assert.Equal("convert", args[0]);
            Assert.False(string.IsNullOrEmpty(Text(container, "image")));
            Assert.Equal("animegan", Scalars(container, "command").Single());
            var claim = Text(Sequence(pod, "volumes").Single(v => Text(v, "name") == "archive"), "persistentVolumeClaim", "claimName");
            Assert.Equal(Text(Kind("PersistentVolumeClaim"), "metadata", "name"), claim);
            Assert.Equal("ReadWriteMany", Scalars(Kind("PersistentVolumeClaim"), "spec", "accessModes").Single());
            var mount = Text(Sequence(container, "volumeMounts").Single(m => Text(m, "name") == "archive"), "mountPath");
            Assert.StartsWith(mount + "/", args[1], StringComparison.Ordinal);
            Assert.StartsWith(mount + "/", args[args.IndexOf("--out") + 1], StringComparison.Ordinal);
            // A damaged photo completes its index (no retry converts it), and the report is per index, from the
            // annotation the Job controller sets, expanded by Kubernetes from the container's own env.
            Assert.Equal("false", args[args.IndexOf("--fail-on-errors") + 1]);
            Assert.Contains("$(SHARD)", args[args.IndexOf("--report") + 1], StringComparison.Ordinal);
            Assert.Contains(Sequence(container, "env"), e => Text(e, "name") == "SHARD" && Text(e, "valueFrom", "fieldRef", "fieldPath") == "metadata.annotations['batch.kubernetes.io/job-completion-index']");
            AssertResources(container);
        }

        [Fact]
        public void ShouldServeWithProbesADrainInsideTheGracePeriodAndMatchingSelectors()
        {
            var deployment = Kind("Deployment");
            var pod = Node(deployment, "spec", "template", "spec");
            var container = Sequence(pod, "containers").Single();
            var args = Scalars(container, "args");

            Assert.Equal("/readyz", Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/healthz", Text(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal("5000", Text(Sequence(container, "ports").Single(), "containerPort"));
            var drain = int.Parse(args[args.IndexOf("--drain-seconds") + 1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(int.Parse(Text(pod, "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture) > drain, "the grace period must outlast the drain");
            Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
            Assert.Contains(Sequence(container, "env"), e => Text(e, "name") == "ANIMEGAN_TOKEN" && Text(e, "valueFrom", "secretKeyRef", "key") == "token");
            Assert.Contains(Sequence(container, "env"), e => Text(e, "name") == "ANIMEGAN_REPLICA_ID" && Text(e, "valueFrom", "fieldRef", "fieldPath") == "metadata.name");
            AssertResources(container);

            var labels = Map(Node(deployment, "spec", "template", "metadata", "labels"));
            Assert.Equal(labels, Map(Node(deployment, "spec", "selector", "matchLabels")));
            Assert.All(Map(Node(Kind("Service"), "spec", "selector")), pair => Assert.Equal(pair.Value, labels[pair.Key]));
            Assert.All(Map(Node(Kind("PodDisruptionBudget"), "spec", "selector", "matchLabels")), pair => Assert.Equal(pair.Value, labels[pair.Key]));
            Assert.Equal(Text(deployment, "metadata", "name"), Text(Kind("HorizontalPodAutoscaler"), "spec", "scaleTargetRef", "name"));
            // Stickiness at the ingress, by cookie: ClientIP on the Service would see only the ingress's pods.
            Assert.Null(Kind("Service").Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == "sessionAffinity"));
            var ingress = Kind("Ingress");
            Assert.Equal("cookie", Text(ingress, "metadata", "annotations", "nginx.ingress.kubernetes.io/affinity"));
            var backend = Node(Sequence(Node(Sequence(ingress, "spec", "rules").Single(), "http"), "paths").Single(), "backend", "service");
            Assert.Equal(Text(Kind("Service"), "metadata", "name"), Text(backend, "name"));
            Assert.Equal(args[args.IndexOf("--allowed-hosts") + 1], Text(Sequence(ingress, "spec", "rules").Single(), "host"));
            // The ingress's pods change address: a network is trusted, parsed as the server parses it.
            Assert.Contains('/', args[args.IndexOf("--known-networks") + 1]);
            Assert.Equal("json", args[args.IndexOf("--log-format") + 1]);
        }

        [Theory]
        [InlineData("Deployment")]
        [InlineData("Job")]
        public void ShouldPassTheRestrictedPodSecurityProfileWithAWritableTmp(string kind)
        {
            var pod = Node(Kind(kind), "spec", "template", "spec");

            Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
            foreach (var container in Sequence(pod, "containers"))
            {
                Assert.Equal("false", Text(container, "securityContext", "allowPrivilegeEscalation"));
                Assert.Equal("true", Text(container, "securityContext", "readOnlyRootFilesystem"));
                Assert.Equal(new[] { "ALL" }, Scalars(container, "securityContext", "capabilities", "drop"));
                Assert.Equal("RuntimeDefault", Text(container, "securityContext", "seccompProfile", "type"));
                var tmp = Sequence(container, "volumeMounts").Single(m => Text(m, "mountPath") == "/tmp");
                var volume = Sequence(pod, "volumes").Single(v => Text(v, "name") == Text(tmp, "name"));
                Assert.True(((YamlMappingNode)volume).Children.ContainsKey(new YamlScalarNode("emptyDir")), "/tmp must be an emptyDir under a read-only root");
            }
        }

        private static void AssertResources(YamlMappingNode container)
        {
            Assert.False(string.IsNullOrEmpty(Text(container, "resources", "requests", "cpu")));
            Assert.False(string.IsNullOrEmpty(Text(container, "resources", "requests", "memory")));
            Assert.False(string.IsNullOrEmpty(Text(container, "resources", "limits", "memory")));
        }

        private static IEnumerable<YamlMappingNode> Documents()
        {
            foreach (var file in Directory.GetFiles(Folder, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
            {
                var stream = new YamlStream();
                using (var reader = File.OpenText(file))
                    stream.Load(reader);
                foreach (var document in stream.Documents)
                    yield return (YamlMappingNode)document.RootNode;
            }
        }

        private static YamlMappingNode Kind(string kind) => Documents().Single(d => Text(d, "kind") == kind);

        private static YamlMappingNode Node(YamlNode node, params string[] path)
            => (YamlMappingNode)path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

        private static IEnumerable<YamlMappingNode> Sequence(YamlNode node, params string[] path) => Items(node, path).Cast<YamlMappingNode>();

        private static List<string> Scalars(YamlNode node, params string[] path) => Items(node, path).Select(i => ((YamlScalarNode)i).Value!).ToList();

        private static IEnumerable<YamlNode> Items(YamlNode node, string[] path)
        {
            var parent = Node(node, path.Take(path.Length - 1).ToArray());
            return ((YamlSequenceNode)parent.Children[new YamlScalarNode(path[^1])]).Children;
        }

        private static string Text(YamlNode node, params string[] path)
        {
            var parent = Node(node, path.Take(path.Length - 1).ToArray());
            return parent.Children.TryGetValue(new YamlScalarNode(path[^1]), out var value) ? ((YamlScalarNode)value).Value ?? "" : "";
        }

        private static Dictionary<string, string> Map(YamlMappingNode node)
            => node.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);
    }
}

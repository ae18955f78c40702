using AnimeGan.Core.Onnx;

namespace AnimeGan.Core.Tests.OnnxTests
{
    public class TheOnnxModelFile
    {
        public static TheoryData<string> Models() => new TheoryData<string>(Directory.GetFiles(TestFiles.ModelsFolder, "*.onnx").Select(Path.GetFileName)!);

        [Theory]
        [MemberData(nameof(Models))]
        public void ShouldWriteBackEveryModelUnchanged(string file)
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, file));

            var model = OnnxModelFile.Parse(bytes, file);
            var written = OnnxModelFile.ToBytes(model);

            // proto2 encoding as the ONNX specification declares it: the same bytes, and the same message when parsed again.
            Assert.Equal(model, OnnxModelFile.Parse(written, file));
            Assert.Equal(bytes, written);
        }

        [Theory]
        [InlineData("text")]
        [InlineData("truncated")]
        [InlineData("empty")]
        public void ShouldNameAMalformedFile(string kind)
        {
            var valid = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, "yunet_s_dynamic.onnx"));
            var bytes = kind switch
            {
                "text" => System.Text.Encoding.ASCII.GetBytes("definitely not protobuf \u0001\u0002"),
                "truncated" => valid.Take(valid.Length / 3).ToArray(),
                _ => new byte[0],
            };

            var ex = Assert.Throws<AnimeGanException>(() => OnnxModelFile.Parse(bytes, "broken.onnx"));

            Assert.Equal(AnimeGanErrorCode.ModelLoadFailed, ex.Code);
            Assert.StartsWith("broken.onnx: not an ONNX model", ex.Message);
        }
    }
}

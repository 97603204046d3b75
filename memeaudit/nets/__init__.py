"""The numerical runtime: the three networks memeaudit runs in numpy, and the readers of their
weight files. Nothing here knows about images, reports or options; the engines that use the
networks (memeaudit.vision.detect, memeaudit.vision.classify, memeaudit.facts.semantic) load
files from their packages and hand them over.

- `ssd.py`: SSD-MobileNet-v2 COCO, interpreting OpenCV's text graph over the weights of the
  TensorFlow frozen graph (`tfgraph.py` reads both without TensorFlow); checked against cv2.dnn.
- `efficientnet.py`: EfficientNet-Lite0, ImageNet-1k; checked against the same network in torch.
- `minilm.py`: all-MiniLM-L6-v2 sentence embeddings; checked against transformers' BertModel.
- `layers.py`: the convolution (BatchNorm folded, ReLU6 fused, TF "SAME" padding) both image
  networks use, and the SSD's PriorBox and DetectionOutput.
- `weights.py`: PyTorch `.pth` (a restricted unpickler) and `.safetensors` files read into numpy.

Each module imports only numpy (and `tokenizers` for MiniLM), so a batch worker never imports
torch; nothing is imported here, so loading one network does not load the others.
"""

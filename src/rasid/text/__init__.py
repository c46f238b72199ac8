"""Text-level processing: repair of raw input, matching keys, segmentation."""

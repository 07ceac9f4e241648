ecc
virtio_blk
virtio_console
ext4

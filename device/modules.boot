ecc
virtio_blk
virtio_console
ext4
i2c_dev
industrialio
loop
squashfs
